using NRules.Fluent.Dsl;
using Verwerving.Domain;
using Verwerving.Text;
using Verwerving.Workflows;

namespace Verwerving.Rules.Acceptance;

[Name("acceptatie.weigering"), Tag(RuleSets.Acceptance)]
[Description("Een strategisch partner weigert geen verwijzing binnen zijn perceel.")]
[Finding(Severity.Violation, "001 bijlage 3 (acceptatieplicht)")]
public sealed class RefusedReferralRule : CatalogRule
{
    public override void Define()
    {
        ReferralStats f = null!;
        When().Match(() => f, x => x.StrategicPartner && x.Refused > x.Norms["acceptatie.max-weigeringen"]);
        Then().Yield(_ => Verdict(f, $"""Aanbieder {f.Name} weigerde {f.Refused} van {f.Total} verwijzingen in perceel {f.LotName} ({f.Region}, {Nl.Period(f.From, f.To)}); de acceptatieplicht staat {AllowedText.Allowed(f.Norms["acceptatie.max-weigeringen"])} toe.""", new { f.Refused, f.Total, perceel = f.LotName, regio = f.Region, norm = f.Norms["acceptatie.max-weigeringen"] }));
    }
}
