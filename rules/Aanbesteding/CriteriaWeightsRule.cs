using NRules.Fluent.Dsl;
using Verwerving.Domain;
using Verwerving.Text;
using Verwerving.Workflows;

namespace Verwerving.Rules.Procurement;

[Name("aanbesteding.wegingen"), Tag(RuleSets.Procurement)]
[Description("De wegingen van de gunningscriteria tellen op tot 100%.")]
[Finding(Severity.Blocking, "Aanbestedingswet 2012 art. 2.114-2.115")]
public sealed class CriteriaWeightsRule : CatalogRule
{
    public override void Define()
    {
        TenderFacts f = null!;
        When().Match(() => f, x => x.CriteriaWeightSum != null && x.CriteriaWeightSum != 100);
        Then().Yield(_ => Verdict(f, $"De gunningscriteria van aanbesteding {f.SubjectKey} ({f.CriteriaText}) tellen op tot {f.CriteriaWeightSum}% in plaats van 100%.", new { criteria = f.CriteriaText, som = f.CriteriaWeightSum }));
    }
}
