using NRules.Fluent.Dsl;
using Verwerving.Domain;
using Verwerving.Text;
using Verwerving.Workflows;

namespace Verwerving.Rules.Budget;

[Name("budget.overschrijding"), Tag(RuleSets.Budget)]
[Description("De uitgaven (of de prognose voor het jaareinde) blijven binnen het budgettair kader van de raad.")]
[Finding(Severity.Violation, "001 bijlage 3 (gemeenten blijven binnen het budget)")]
public sealed class BudgetOverrunRule : CatalogRule
{
    public override void Define()
    {
        MunicipalityBudget f = null!;
        When().Match(() => f, x => x.BudgetCents > 0 && x.ForecastCents > x.BudgetCents);
        Then().Yield(_ => Verdict(f, $"{f.Name}: " + (f.Elapsed >= 1 ? $"de uitgaven aan jeugdhulp in {f.From.Year} waren {Nl.Euro(f.SpentCents)}" : $"de prognose voor jaareinde {f.From.Year} is {Nl.Euro(f.ForecastCents)} (tot nu toe {Nl.Euro(f.SpentCents)})") + $", {Nl.Euro(f.ForecastCents - f.BudgetCents!.Value)} boven het budgettair kader van {Nl.Euro(f.BudgetCents.Value)}.", new { uitgegeven = f.SpentCents, prognose = f.ForecastCents, budget = f.BudgetCents }));
    }
}
