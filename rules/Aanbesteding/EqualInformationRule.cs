using NRules.Fluent.Dsl;
using Verwerving.Domain;
using Verwerving.Text;
using Verwerving.Workflows;

namespace Verwerving.Rules.Procurement;

[Name("aanbesteding.gelijke-informatie"), Tag(RuleSets.Procurement)]
[Description("Alle gegadigden krijgen dezelfde informatie uit elke dialoogronde.")]
[Finding(Severity.Violation, "Aanbestedingswet 2012 art. 1.8 (gelijke behandeling)")]
public sealed class EqualInformationRule : CatalogRule
{
    public override void Define()
    {
        DialogueRoundFacts f = null!;
        When().Match(() => f, x => !x.InformationSharedWithAll);
        Then().Yield(_ => Verdict(f, $"De informatie uit dialoogronde {f.Number} van aanbesteding {f.Name} (\u201c{f.Theme}\u201d, {Nl.Date(f.From)}) ging alleen naar de {f.ProvidersPresent} aanwezige gegadigden, niet naar allen.", new { ronde = f.Number, thema = f.Theme, aanwezig = f.ProvidersPresent }));
    }
}
