using NRules.Fluent.Dsl;
using Verwerving.Domain;
using Verwerving.Text;
using Verwerving.Workflows;

namespace Verwerving.Rules.Acceptance;

[Name("acceptatie.wachtlijstondersteuning"), Tag(RuleSets.Acceptance)]
[Description("Jeugdigen die langer wachten dan de norm krijgen wachtlijstondersteuning.")]
[Finding(Severity.Signal, "003 (wachtlijstondersteuning)")]
public sealed class WaitingListSupportRule : CatalogRule
{
    public override void Define()
    {
        WaitingStats f = null!;
        When().Match(() => f, x => x.WaitingBeyondNormNow > 0);
        Then().Yield(_ => Verdict(f, $"""Op {Nl.Date(f.To)} wachtten {f.WaitingBeyondNormNow} jeugdigen met een toewijzing aan {f.Name} in perceel {f.LotName} ({f.Region}) langer dan {f.Norms["wachttijd.norm-dagen"]:0} dagen op de start van zorg; zij hebben recht op wachtlijstondersteuning.""", new { wachtend = f.WaitingBeyondNormNow, normDagen = f.Norms["wachttijd.norm-dagen"] }));
    }
}
