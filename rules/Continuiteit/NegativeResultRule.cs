using NRules.Fluent.Dsl;
using Verwerving.Domain;
using Verwerving.Text;
using Verwerving.Workflows;

namespace Verwerving.Rules.Continuity;

[Name("continuiteit.resultaat"), Tag(RuleSets.Continuity)]
[Description("Het jaarresultaat ligt niet onder de norm.")]
[Finding(Severity.Signal, "004 §6.3.1")]
public sealed class NegativeResultRule : CatalogRule
{
    public override void Define()
    {
        ProviderFinances f = null!;
        When().Match(() => f, x => x.ResultCents < x.Norms["continuiteit.resultaat"] * 100);
        Then().Yield(_ => Verdict(f, $"""Het jaarresultaat van {f.Name} is {Nl.Euro(f.ResultCents!.Value)}, onder de norm van {Nl.Euro((long)(f.Norms["continuiteit.resultaat"] * 100))}.""", new { resultaat = f.ResultCents, norm = f.Norms["continuiteit.resultaat"] }));
    }
}
