using NRules.Fluent.Dsl;
using Verwerving.Domain;
using Verwerving.Text;
using Verwerving.Workflows;

namespace Verwerving.Rules.Quality;

[Name("kwaliteit.evidence-based"), Tag(RuleSets.Quality)]
[Description("Ten minste de norm aan erkende (evidence-based) interventies.")]
[Finding(Severity.Warning, "001 bijlage 3; 003")]
public sealed class EvidenceBasedRule : CatalogRule
{
    public override void Define()
    {
        QualityFigure f = null!;
        When().Match(() => f, x => x.Indicator == "evidence-based" && x.Value < x.Norms["kwaliteit.evidence-based"]);
        Then().Yield(_ => Verdict(f, $"Bij {f.Name} was het aandeel erkende interventies {Nl.Percent(f.Value)} in {Nl.Period(f.From, f.To)}; de norm is ten minste {Nl.Percent(f.Norms["kwaliteit.evidence-based"])}.", new { waarde = f.Value, norm = f.Norms["kwaliteit.evidence-based"], aantal = f.Basis }));
    }
}
