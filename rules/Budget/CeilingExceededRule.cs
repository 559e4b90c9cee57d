using NRules.Fluent.Dsl;
using Verwerving.Domain;
using Verwerving.Text;
using Verwerving.Workflows;

namespace Verwerving.Rules.Budget;

[Name("budget.plafond-overschreden"), Tag(RuleSets.Budget)]
[Description("De omzet onder een overeenkomst blijft binnen het omzetplafond van het jaar.")]
[Finding(Severity.Violation, "001 bijlage 3; overeenkomst (omzetplafond)")]
public sealed class CeilingExceededRule : CatalogRule
{
    public override void Define()
    {
        CeilingUse f = null!;
        When().Match(() => f, x => x.CeilingCents != null && x.SpentCents > x.CeilingCents);
        Then().Yield(_ => Verdict(f, $"Onder overeenkomst {f.SubjectKey} ({f.Name}) is in {f.From.Year} {Nl.Euro(f.SpentCents)} gedeclareerd, {Nl.Euro(f.SpentCents - f.CeilingCents!.Value)} boven het omzetplafond van {Nl.Euro(f.CeilingCents.Value)}.", new { gedeclareerd = f.SpentCents, plafond = f.CeilingCents }));
    }
}
