using NRules.Fluent.Dsl;
using Verwerving.Domain;
using Verwerving.Text;
using Verwerving.Workflows;

namespace Verwerving.Rules.Continuity;

[Name("continuiteit.eenzijdig-beeindigd"), Tag(RuleSets.Continuity)]
[Description("Zorg die de aanbieder eenzijdig beëindigt (iJw reden 33) is een continuïteitssignaal.")]
[Finding(Severity.Signal, "004 §6.3.1; iJw RedenBeeindiging 33")]
public sealed class OneSidedTerminationsRule : CatalogRule
{
    public override void Define()
    {
        ProviderContinuity f = null!;
        When().Match(() => f, x => x.OneSidedStops >= x.Norms["continuiteit.eenzijdige-beeindigingen"]);
        Then().Yield(_ => Verdict(f, $"""{f.Name} beëindigde in {Nl.Period(f.From, f.To)} {f.OneSidedStops} keer zorg eenzijdig (reden 33); vanaf {f.Norms["continuiteit.eenzijdige-beeindigingen"]:0} is dat een continuïteitssignaal.""", new { eenzijdig = f.OneSidedStops, norm = f.Norms["continuiteit.eenzijdige-beeindigingen"] }));
    }
}
