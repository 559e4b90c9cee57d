using NRules.Fluent.Dsl;
using Verwerving.Domain;
using Verwerving.Text;
using Verwerving.Workflows;

namespace Verwerving.Rules.Quality;

[Name("kwaliteit.gedwongen-afzonderingen"), Tag(RuleSets.Quality)]
[Description("Geen gedwongen afzonderingen in de gesloten jeugdhulp.")]
[Finding(Severity.Violation, "004 hoofdstuk 5")]
public sealed class ForcedIsolationRule : CatalogRule
{
    public override void Define()
    {
        QualityFigure f = null!;
        When().Match(() => f, x => x.Indicator == "gedwongen-afzonderingen" && x.Value > x.Norms["kwaliteit.gedwongen-afzonderingen"]);
        Then().Yield(_ => Verdict(f, $"Bij {f.Name} was het aantal gedwongen afzonderingen {Nl.Number(f.Value)} in {Nl.Period(f.From, f.To)}; de norm is ten hoogste {Nl.Number(f.Norms["kwaliteit.gedwongen-afzonderingen"])}.", new { waarde = f.Value, norm = f.Norms["kwaliteit.gedwongen-afzonderingen"], aantal = f.Basis }));
    }
}
