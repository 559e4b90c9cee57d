using NRules.Fluent.Dsl;
using Verwerving.Domain;
using Verwerving.Text;
using Verwerving.Workflows;

namespace Verwerving.Rules.Governance;

[Name("bestuur.gezamenlijk-besluit"), Tag(RuleSets.Governance)]
[Description("Een gezamenlijk besluit vraagt de goedkeuring van de wethouders van beide regio's.")]
[Finding(Severity.Blocking, "001 §8.1")]
public sealed class JointDecisionRule : CatalogRule
{
    public override void Define()
    {
        DecisionFacts f = null!;
        When().Match(() => f, x => x.Status == DecisionStatus.Decided && x.MissingRegions.Any());
        Then().Yield(_ => Verdict(f, $"""Besluit {f.SubjectKey} ({f.Name}) geldt als genomen, maar de wethouder van {string.Join(" en ", f.MissingRegions)} keurde het niet goed.""", new { reikwijdte = f.Scope, goedgekeurd = f.ApprovedRegions }));
    }
}
