using NRules.Fluent.Dsl;
using Verwerving.Domain;
using Verwerving.Text;
using Verwerving.Workflows;

namespace Verwerving.Rules.Acceptance;

[Name("acceptatie.wachttijd"), Tag(RuleSets.Acceptance)]
[Description("Zorg start binnen de wachttijdnorm (Treeknorm) na de toewijzing.")]
[Finding(Severity.Violation, "001 bijlage 3; Treeknormen")]
public sealed class CareStartsBeyondWaitingNormRule : CatalogRule
{
    public override void Define()
    {
        WaitingStats f = null!;
        When().Match(() => f, x => x.Started > 0 && (decimal)x.StartedBeyondNorm / x.Started > x.Norms["wachttijd.max-aandeel-boven-norm"]);
        Then().Yield(_ => Verdict(f, $"""Bij {f.Name} in perceel {f.LotName} ({f.Region}, {Nl.Period(f.From, f.To)}) startte de zorg in {f.StartedBeyondNorm} van {f.Started} gevallen ({Nl.Percent((decimal)f.StartedBeyondNorm / f.Started)}) later dan {f.Norms["wachttijd.norm-dagen"]:0} dagen na toewijzing; de norm staat ten hoogste {Nl.Percent(f.Norms["wachttijd.max-aandeel-boven-norm"])} toe.""", new { bovenNorm = f.StartedBeyondNorm, gestart = f.Started, normDagen = f.Norms["wachttijd.norm-dagen"], normAandeel = f.Norms["wachttijd.max-aandeel-boven-norm"] }));
    }
}
