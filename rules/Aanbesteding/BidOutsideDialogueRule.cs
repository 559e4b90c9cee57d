using NRules.Fluent.Dsl;
using Verwerving.Domain;
using Verwerving.Text;
using Verwerving.Workflows;

namespace Verwerving.Rules.Procurement;

[Name("aanbesteding.inschrijving-buiten-dialoog"), Tag(RuleSets.Procurement)]
[Description("Alleen deelnemers aan de dialoog schrijven in.")]
[Finding(Severity.Blocking, "Aanbestedingswet 2012 art. 2.31; richtlijn 2014/24/EU art. 30")]
public sealed class BidOutsideDialogueRule : CatalogRule
{
    public override void Define()
    {
        TenderFacts f = null!;
        When().Match(() => f, x => x.BidsOutsideDialogue > 0);
        Then().Yield(_ => Verdict(f, $"In aanbesteding {f.SubjectKey} schreven {f.BidsOutsideDialogue} gegadigden in die niet aan de dialoog deelnamen.", new { aantal = f.BidsOutsideDialogue }));
    }
}
