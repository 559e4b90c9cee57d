using NRules.Fluent.Dsl;
using Verwerving.Domain;
using Verwerving.Text;
using Verwerving.Workflows;

namespace Verwerving.Rules.Governance;

[Name("bestuur.raden-geinformeerd"), Tag(RuleSets.Governance)]
[Description("De raden worden geïnformeerd wanneer een besluit hun positie raakt.")]
[Finding(Severity.Warning, "001 §8.1")]
public sealed class CouncilsInformedRule : CatalogRule
{
    public override void Define()
    {
        DecisionFacts f = null!;
        When().Match(() => f, x => x.TouchesCouncils && x.DecidedOn != null && x.CouncilsInformedOn == null
            && x.Today.DayNumber - x.DecidedOn.Value.DayNumber > x.Norms["bestuur.raden-informeren-dagen"]);
        Then().Yield(_ => Verdict(f, $"""Besluit {f.SubjectKey} ({f.Name}) raakt de positie van de raden en is genomen op {Nl.Date(f.DecidedOn!.Value)}; de raden zijn na {f.Today.DayNumber - f.DecidedOn.Value.DayNumber} dagen nog niet geïnformeerd (norm {f.Norms["bestuur.raden-informeren-dagen"]:0} dagen).""", new { besloten = f.DecidedOn, normDagen = f.Norms["bestuur.raden-informeren-dagen"] }));
    }
}
