using NRules.Fluent.Dsl;
using Verwerving.Domain;
using Verwerving.Text;
using Verwerving.Workflows;

namespace Verwerving.Rules.Procurement;

[Name("aanbesteding.standstill"), Tag(RuleSets.Procurement)]
[Description("Tussen de gunningsbeslissing en de definitieve gunning ligt ten minste de standstilltermijn.")]
[Finding(Severity.Blocking, "Aanbestedingswet 2012 art. 2.127")]
public sealed class StandstillRule : CatalogRule
{
    public override void Define()
    {
        TenderFacts f = null!;
        When().Match(() => f, x => x.IntendedAwardOn != null && x.AwardedOn != null
            && x.AwardedOn.Value.DayNumber - x.IntendedAwardOn.Value.DayNumber < x.Norms["aanbesteding.standstill-dagen"]);
        Then().Yield(_ => Verdict(f, $"""Aanbesteding {f.SubjectKey}: de gunningsbeslissing is van {Nl.Date(f.IntendedAwardOn!.Value)}; gunnen op {Nl.Date(f.AwardedOn!.Value)} is na {f.AwardedOn.Value.DayNumber - f.IntendedAwardOn.Value.DayNumber} dagen, de standstilltermijn is {f.Norms["aanbesteding.standstill-dagen"]:0} kalenderdagen (tot en met {Nl.Date(f.IntendedAwardOn.Value.AddDays((int)f.Norms["aanbesteding.standstill-dagen"] - 1))}).""", new { voorgenomenGunning = f.IntendedAwardOn, gunning = f.AwardedOn, dagen = f.Norms["aanbesteding.standstill-dagen"] }));
    }
}
