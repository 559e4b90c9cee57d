using NRules.Fluent.Dsl;
using Verwerving.Domain;
using Verwerving.Text;
using Verwerving.Workflows;

namespace Verwerving.Rules.Quality;

[Name("kwaliteit.doorplaatsingen"), Tag(RuleSets.Quality)]
[Description("Doorplaatsingen blijven onder de norm.")]
[Finding(Severity.Warning, "004 hoofdstuk 5")]
public sealed class TransfersRule : CatalogRule
{
    public override void Define()
    {
        QualityFigure f = null!;
        When().Match(() => f, x => x.Indicator == "doorplaatsingen" && x.Value > x.Norms["kwaliteit.doorplaatsingen"]);
        Then().Yield(_ => Verdict(f, $"Bij {f.Name} was het aantal doorplaatsingen {Nl.Number(f.Value)} in {Nl.Period(f.From, f.To)}; de norm is ten hoogste {Nl.Number(f.Norms["kwaliteit.doorplaatsingen"])}.", new { waarde = f.Value, norm = f.Norms["kwaliteit.doorplaatsingen"], aantal = f.Basis }));
    }
}
