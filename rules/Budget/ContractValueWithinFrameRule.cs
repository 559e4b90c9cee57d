using NRules.Fluent.Dsl;
using Verwerving.Domain;
using Verwerving.Text;
using Verwerving.Workflows;

namespace Verwerving.Rules.Budget;

[Name("budget.contractwaarde-binnen-kader"), Tag(RuleSets.Budget)]
[Description("De som van de gegunde contractwaarden (plafonds) past binnen de budgettaire kaders van de gemeenten.")]
[Finding(Severity.Violation, "001 bijlage 3")]
public sealed class ContractValueWithinFrameRule : CatalogRule
{
    public override void Define()
    {
        FrameUse f = null!;
        When().Match(() => f, x => x.FramesCents > 0 && x.CeilingsCents > x.FramesCents);
        Then().Yield(_ => Verdict(f, $"De omzetplafonds van {f.Name} in {f.From.Year} tellen op tot {Nl.Euro(f.CeilingsCents)}, {Nl.Euro(f.CeilingsCents - f.FramesCents)} meer dan de budgettaire kaders van de gemeenten samen ({Nl.Euro(f.FramesCents)}).", new { plafonds = f.CeilingsCents, kaders = f.FramesCents }));
    }
}
