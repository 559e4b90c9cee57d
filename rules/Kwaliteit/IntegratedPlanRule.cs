using NRules.Fluent.Dsl;
using Verwerving.Domain;
using Verwerving.Text;
using Verwerving.Workflows;

namespace Verwerving.Rules.Quality;

[Name("kwaliteit.integraal-plan"), Tag(RuleSets.Quality)]
[Description("Elke jeugdige in gesloten jeugdhulp heeft een integraal onderwijs- en behandelplan.")]
[Finding(Severity.Violation, "004 hoofdstuk 5")]
public sealed class IntegratedPlanRule : CatalogRule
{
    public override void Define()
    {
        QualityFigure f = null!;
        When().Match(() => f, x => x.Indicator == "integraal-plan" && x.Value < x.Norms["kwaliteit.integraal-plan"]);
        Then().Yield(_ => Verdict(f, $"Bij {f.Name} was het aandeel jeugdigen met een integraal plan {Nl.Percent(f.Value)} in {Nl.Period(f.From, f.To)}; de norm is ten minste {Nl.Percent(f.Norms["kwaliteit.integraal-plan"])}.", new { waarde = f.Value, norm = f.Norms["kwaliteit.integraal-plan"], aantal = f.Basis }));
    }
}
