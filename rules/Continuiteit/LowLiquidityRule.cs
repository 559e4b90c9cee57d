using NRules.Fluent.Dsl;
using Verwerving.Domain;
using Verwerving.Text;
using Verwerving.Workflows;

namespace Verwerving.Rules.Continuity;

[Name("continuiteit.liquiditeit"), Tag(RuleSets.Continuity)]
[Description("De liquiditeit (current ratio) uit de jaarrekening ligt niet onder de norm.")]
[Finding(Severity.Signal, "004 §6.3.1")]
public sealed class LowLiquidityRule : CatalogRule
{
    public override void Define()
    {
        ProviderFinances f = null!;
        When().Match(() => f, x => x.CurrentRatio < x.Norms["continuiteit.current-ratio"]);
        Then().Yield(_ => Verdict(f, $"""De current ratio van {f.Name} is {Nl.Number(f.CurrentRatio!.Value)}, onder de norm van {Nl.Number(f.Norms["continuiteit.current-ratio"])}.""", new { currentRatio = f.CurrentRatio, norm = f.Norms["continuiteit.current-ratio"] }));
    }
}
