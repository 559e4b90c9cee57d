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
        When().Match(() => f, x => x.AwardedOn != null && (x.AwardSentOn == null
            || x.AwardedOn.Value.DayNumber - x.AwardSentOn.Value.DayNumber <= x.Norms["aanbesteding.standstill-dagen"]));
        Then().Yield(_ => Verdict(f, Explain(f), new { verzonden = f.AwardSentOn, gunning = f.AwardedOn, dagen = f.Norms["aanbesteding.standstill-dagen"] }));
    }

    // The term starts the day after sending and lasts the norm's calendar days; the award can follow on the day after its last day.
    private static string Explain(TenderFacts f)
    {
        if (f.AwardSentOn is not { } sent) return $"Aanbesteding {f.SubjectKey}: de gunningsbeslissing is niet aan de inschrijvers verzonden; zonder verzending begint de standstilltermijn niet.";
        var days = (int)f.Norms["aanbesteding.standstill-dagen"];
        return $"Aanbesteding {f.SubjectKey}: de gunningsbeslissing is verzonden op {Nl.Date(sent)}; de standstilltermijn van {days} kalenderdagen loopt van {Nl.Date(sent.AddDays(1))} tot en met {Nl.Date(sent.AddDays(days))}. "
             + $"Definitief gunnen kan vanaf {Nl.Date(sent.AddDays(days + 1))}, niet op {Nl.Date(f.AwardedOn!.Value)} (dag {f.AwardedOn.Value.DayNumber - sent.DayNumber} na verzending).";
    }
}
