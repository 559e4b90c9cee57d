using NRules.Fluent.Dsl;
using Verwerving.Domain;
using Verwerving.Text;
using Verwerving.Workflows;

namespace Verwerving.Rules.Continuity;

[Name("continuiteit.solvabiliteit"), Tag(RuleSets.Continuity)]
[Description("De solvabiliteit uit de jaarrekening ligt niet onder de norm.")]
[Finding(Severity.Signal, "004 §6.3.1")]
public sealed class LowSolvencyRule : CatalogRule
{
    public override void Define()
    {
        ProviderFinances f = null!;
        When().Match(() => f, x => x.Solvency < x.Norms["continuiteit.solvabiliteit"]);
        Then().Yield(_ => Verdict(f, $"""De solvabiliteit van {f.Name} is {Nl.Percent(f.Solvency!.Value)}, onder de norm van {Nl.Percent(f.Norms["continuiteit.solvabiliteit"])}.""", new { solvabiliteit = f.Solvency, norm = f.Norms["continuiteit.solvabiliteit"] }));
    }
}
