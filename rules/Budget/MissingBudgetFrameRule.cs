using NRules.Fluent.Dsl;
using Verwerving.Domain;
using Verwerving.Text;
using Verwerving.Workflows;

namespace Verwerving.Rules.Budget;

[Name("budget.kader-ontbreekt"), Tag(RuleSets.Budget)]
[Description("Elke gemeente met uitgaven heeft haar budgettair kader voor het jaar vastgesteld, zodat de regionale verdeling sluit.")]
[Finding(Severity.Warning, "001 bijlage 3")]
public sealed class MissingBudgetFrameRule : CatalogRule
{
    public override void Define()
    {
        MunicipalityBudget f = null!;
        When().Match(() => f, x => x.BudgetCents == null && x.SpentCents > 0);
        Then().Yield(_ => Verdict(f, $"{f.Name} gaf in {f.From.Year} {Nl.Euro(f.SpentCents)} uit aan jeugdhulp zonder vastgesteld budgettair kader; de regionale verdeling sluit niet.", new { uitgegeven = f.SpentCents }));
    }
}
