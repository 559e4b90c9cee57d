using NRules.Fluent.Dsl;
using Verwerving.Domain;
using Verwerving.Text;
using Verwerving.Workflows;

namespace Verwerving.Rules.Governance;

[Name("bestuur.drie-overleggen"), Tag(RuleSets.Governance)]
[Description("Met elke strategisch partner is er drie keer per jaar bestuurlijk overleg.")]
[Finding(Severity.Violation, "001 §8.1")]
public sealed class ThreeMeetingsRule : CatalogRule
{
    public override void Define()
    {
        PartnershipYear f = null!;
        When().Match(() => f, x => x.Meetings < x.Required);
        Then().Yield(_ => Verdict(f, f.Share < 1
            ? $"""Met strategisch partner {f.Name} was er in {f.Year} {f.Meetings} keer bestuurlijk overleg; het partnerschap liep dat jaar deels, naar rato zijn {f.Required} overleggen afgesproken ({f.Norms["bestuur.overleggen-per-jaar"]:0} per jaar)."""
            : $"""Met strategisch partner {f.Name} was er in {f.Year} {f.Meetings} keer bestuurlijk overleg; afgesproken is {f.Norms["bestuur.overleggen-per-jaar"]:0} keer per jaar.""",
            new { overleggen = f.Meetings, norm = f.Norms["bestuur.overleggen-per-jaar"], naarRato = f.Required }));
    }
}
