using NRules.Fluent.Dsl;
using Verwerving.Domain;
using Verwerving.Text;
using Verwerving.Workflows;

namespace Verwerving.Rules.Continuity;

[Name("continuiteit.wachttijd-stijgt"), Tag(RuleSets.Continuity)]
[Description("Oplopende wachttijden boven de norm bij een aanbieder zijn een continuïteitssignaal.")]
[Finding(Severity.Signal, "001 §6.3")]
public sealed class RisingWaitingTimesRule : CatalogRule
{
    public override void Define()
    {
        ProviderContinuity f = null!;
        When().Match(() => f, x => x.MeanWaitingDays > x.Norms["wachttijd.norm-dagen"] && x.MeanWaitingDays > x.PreviousMeanWaitingDays);
        Then().Yield(_ => Verdict(f, $"""De gemiddelde wachttijd bij {f.Name} steeg in {f.From.Year} naar {Nl.Number(f.MeanWaitingDays!.Value)} dagen (vorig jaar {Nl.Number(f.PreviousMeanWaitingDays ?? 0)}), boven de norm van {f.Norms["wachttijd.norm-dagen"]:0} dagen.""", new { gemiddeld = f.MeanWaitingDays, vorigJaar = f.PreviousMeanWaitingDays, norm = f.Norms["wachttijd.norm-dagen"] }));
    }
}
