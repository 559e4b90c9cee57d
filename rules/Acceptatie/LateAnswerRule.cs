using NRules.Fluent.Dsl;
using Verwerving.Domain;
using Verwerving.Text;
using Verwerving.Workflows;

namespace Verwerving.Rules.Acceptance;

[Name("acceptatie.antwoordtermijn"), Tag(RuleSets.Acceptance)]
[Description("Een aanbieder beantwoordt een verzoek om jeugdhulp binnen de antwoordtermijn.")]
[Finding(Severity.Warning, "001 bijlage 3")]
public sealed class LateAnswerRule : CatalogRule
{
    public override void Define()
    {
        ReferralStats f = null!;
        When().Match(() => f, x => x.Answered > 0 && (decimal)x.AnsweredLate / x.Answered > x.Norms["acceptatie.max-aandeel-laat-beantwoord"]);
        Then().Yield(_ => Verdict(f, $"""Aanbieder {f.Name} beantwoordde {f.AnsweredLate} van {f.Answered} verzoeken in perceel {f.LotName} ({f.Region}, {Nl.Period(f.From, f.To)}) later dan {f.Norms["acceptatie.antwoordtermijn-dagen"]:0} dagen ({Nl.Percent((decimal)f.AnsweredLate / f.Answered)}; norm ten hoogste {Nl.Percent(f.Norms["acceptatie.max-aandeel-laat-beantwoord"])}).""", new { laat = f.AnsweredLate, beantwoord = f.Answered, termijnDagen = f.Norms["acceptatie.antwoordtermijn-dagen"], norm = f.Norms["acceptatie.max-aandeel-laat-beantwoord"] }));
    }
}
