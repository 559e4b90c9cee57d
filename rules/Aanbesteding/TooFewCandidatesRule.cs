using NRules.Fluent.Dsl;
using Verwerving.Domain;
using Verwerving.Text;
using Verwerving.Workflows;

namespace Verwerving.Rules.Procurement;

[Name("aanbesteding.minimum-gegadigden"), Tag(RuleSets.Procurement)]
[Description("De dialoog begint met ten minste het wettelijk minimum aan toegelaten gegadigden.")]
[Finding(Severity.Blocking, "Aanbestedingswet 2012 art. 2.32; richtlijn 2014/24/EU art. 65")]
public sealed class TooFewCandidatesRule : CatalogRule
{
    public override void Define()
    {
        TenderFacts f = null!;
        When().Match(() => f, x => x.InDialogueOrLater && x.Admitted < x.Norms["aanbesteding.minimum-gegadigden"]);
        Then().Yield(_ => Verdict(f, $"""Aanbesteding {f.SubjectKey} heeft {f.Admitted} toegelaten gegadigden; voor de dialoog zijn er ten minste {f.Norms["aanbesteding.minimum-gegadigden"]:0} nodig.""", new { toegelaten = f.Admitted, minimum = f.Norms["aanbesteding.minimum-gegadigden"] }));
    }
}
