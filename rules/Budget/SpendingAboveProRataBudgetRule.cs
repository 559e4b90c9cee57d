using NRules.Fluent.Dsl;
using Verwerving.Domain;
using Verwerving.Text;
using Verwerving.Workflows;

namespace Verwerving.Rules.Budget;

[Name("budget.naar-rato"), Tag(RuleSets.Budget)]
[Description("De uitgaven tot nu toe blijven binnen het naar rato beschikbare jeugdhulpbudget van de gemeente.")]
[Finding(Severity.Warning, "001 bijlage 3 (gemeenten blijven binnen het budget)")]
public sealed class SpendingAboveProRataBudgetRule : CatalogRule
{
    public override void Define()
    {
        MunicipalityBudget f = null!;
        When().Match(() => f, x => x.BudgetCents > 0 && x.Elapsed < 1 && x.SpentCents > x.ProRataCents * (1 + x.Norms["budget.pro-rata-marge"]));
        Then().Yield(_ => Verdict(f, $"""{f.Name} gaf tot {Nl.Date(f.To)} {Nl.Euro(f.SpentCents)} uit aan jeugdhulp, {Nl.Percent((decimal)f.SpentCents / f.ProRataCents - 1)} boven het naar rato budget van {Nl.Euro(f.ProRataCents)} (marge {Nl.Percent(f.Norms["budget.pro-rata-marge"])}).""", new { uitgegeven = f.SpentCents, naarRato = f.ProRataCents, budget = f.BudgetCents, marge = f.Norms["budget.pro-rata-marge"] }));
    }
}
