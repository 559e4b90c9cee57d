using NRules.Fluent.Dsl;
using Verwerving.Domain;
using Verwerving.Text;
using Verwerving.Workflows;

namespace Verwerving.Rules.Budget;

[Name("budget.plafond-nadert"), Tag(RuleSets.Budget)]
[Description("Een aanbieder nadert het omzetplafond: risico op een cliëntenstop.")]
[Finding(Severity.Signal, "001 §6.3")]
public sealed class CeilingNearRule : CatalogRule
{
    public override void Define()
    {
        CeilingUse f = null!;
        When().Match(() => f, x => x.CeilingCents > 0 && x.SpentCents <= x.CeilingCents && x.ForecastCents >= x.CeilingCents * x.Norms["budget.plafond-signaal"]);
        Then().Yield(_ => Verdict(f, $"""Onder overeenkomst {f.SubjectKey} ({f.Name}) komt de omzet in {f.From.Year} op {Nl.Percent((decimal)f.ForecastCents / f.CeilingCents!.Value)} van het plafond van {Nl.Euro(f.CeilingCents.Value)} (signaalwaarde {Nl.Percent(f.Norms["budget.plafond-signaal"])}); er dreigt een cliëntenstop.""", new { gedeclareerd = f.SpentCents, prognose = f.ForecastCents, plafond = f.CeilingCents, signaal = f.Norms["budget.plafond-signaal"] }));
    }
}
