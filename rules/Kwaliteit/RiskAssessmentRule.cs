using NRules.Fluent.Dsl;
using Verwerving.Domain;
using Verwerving.Text;
using Verwerving.Workflows;

namespace Verwerving.Rules.Quality;

[Name("kwaliteit.risicotaxatie"), Tag(RuleSets.Quality)]
[Description("Voor elke jeugdige is een brede risicotaxatie gedaan.")]
[Finding(Severity.Warning, "003; 004 hoofdstuk 5")]
public sealed class RiskAssessmentRule : CatalogRule
{
    public override void Define()
    {
        QualityFigure f = null!;
        When().Match(() => f, x => x.Indicator == "risicotaxatie" && x.Value < x.Norms["kwaliteit.risicotaxatie"]);
        Then().Yield(_ => Verdict(f, $"Bij {f.Name} was het aandeel jeugdigen met een brede risicotaxatie {Nl.Percent(f.Value)} in {Nl.Period(f.From, f.To)}; de norm is ten minste {Nl.Percent(f.Norms["kwaliteit.risicotaxatie"])}.", new { waarde = f.Value, norm = f.Norms["kwaliteit.risicotaxatie"], aantal = f.Basis }));
    }
}
