using NRules.Fluent.Dsl;
using Verwerving.Domain;
using Verwerving.Text;
using Verwerving.Workflows;

namespace Verwerving.Rules.Governance;

[Name("bestuur.alleen-pho-besluit"), Tag(RuleSets.Governance)]
[Description("Alleen de wethouders in het PHO nemen het besluit; een kernteam stelt voor.")]
[Finding(Severity.Blocking, "001 §8.1")]
public sealed class OnlyPhoDecidesRule : CatalogRule
{
    public override void Define()
    {
        DecisionFacts f = null!;
        When().Match(() => f, x => x.NonAldermanApprovers.Count > 0);
        Then().Yield(_ => Verdict(f, $"""Besluit {f.SubjectKey} ({f.Name}) is goedgekeurd door {string.Join(", ", f.NonAldermanApprovers)}, die geen wethouder in het PHO is; alleen het PHO besluit.""", new { goedkeurders = f.NonAldermanApprovers }));
    }
}
