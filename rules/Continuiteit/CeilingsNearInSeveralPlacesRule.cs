using NRules.Fluent.Dsl;
using Verwerving.Domain;
using Verwerving.Text;
using Verwerving.Workflows;

namespace Verwerving.Rules.Continuity;

[Name("continuiteit.plafonds"), Tag(RuleSets.Continuity)]
[Description("Een aanbieder nadert tegelijk in meerdere overeenkomsten zijn plafond: continuïteitssignaal.")]
[Finding(Severity.Signal, "001 §6.3; 004 §6.3.1")]
public sealed class CeilingsNearInSeveralPlacesRule : CatalogRule
{
    public override void Define()
    {
        ProviderContinuity f = null!;
        When().Match(() => f, x => x.NearCeilings >= x.Norms["continuiteit.plafonds-tegelijk"]);
        Then().Yield(_ => Verdict(f, $"""{f.Name} nadert in {f.From.Year} in {f.NearCeilings} overeenkomsten tegelijk het omzetplafond ({string.Join(", ", f.NearCeilingAgreements)}); dat is een continuïteitssignaal voor alle inkopende regio's.""", new { overeenkomsten = f.NearCeilingAgreements, norm = f.Norms["continuiteit.plafonds-tegelijk"] }));
    }
}
