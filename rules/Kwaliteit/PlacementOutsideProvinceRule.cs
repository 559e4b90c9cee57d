using NRules.Fluent.Dsl;
using Verwerving.Domain;
using Verwerving.Text;
using Verwerving.Workflows;

namespace Verwerving.Rules.Quality;

[Name("kwaliteit.plaatsing-buiten-provincie"), Tag(RuleSets.Quality)]
[Description("Geen gesloten plaatsing buiten de provincie.")]
[Finding(Severity.Violation, "004 hoofdstuk 5")]
public sealed class PlacementOutsideProvinceRule : CatalogRule
{
    public override void Define()
    {
        QualityFigure f = null!;
        When().Match(() => f, x => x.Indicator == "plaatsing-buiten-provincie" && x.Value > x.Norms["kwaliteit.plaatsing-buiten-provincie"]);
        Then().Yield(_ => Verdict(f, $"Bij {f.Name} was het aantal gesloten plaatsingen buiten de provincie {Nl.Number(f.Value)} in {Nl.Period(f.From, f.To)}; de norm is ten hoogste {Nl.Number(f.Norms["kwaliteit.plaatsing-buiten-provincie"])}.", new { waarde = f.Value, norm = f.Norms["kwaliteit.plaatsing-buiten-provincie"], aantal = f.Basis }));
    }
}
