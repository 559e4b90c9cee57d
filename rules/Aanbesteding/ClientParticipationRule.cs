using NRules.Fluent.Dsl;
using Verwerving.Domain;
using Verwerving.Text;
using Verwerving.Workflows;

namespace Verwerving.Rules.Procurement;

[Name("aanbesteding.clientparticipatie"), Tag(RuleSets.Procurement)]
[Description("Jeugdigen en ouders nemen deel aan elke dialoogronde.")]
[Finding(Severity.Violation, "001 §1.2")]
public sealed class ClientParticipationRule : CatalogRule
{
    public override void Define()
    {
        DialogueRoundFacts f = null!;
        When().Match(() => f, x => !x.YouthAndParentsPresent);
        Then().Yield(_ => Verdict(f, $"Aan dialoogronde {f.Number} van aanbesteding {f.Name} (\u201c{f.Theme}\u201d, {Nl.Date(f.From)}) namen geen jeugdigen en ouders deel.", new { ronde = f.Number, thema = f.Theme }));
    }
}
