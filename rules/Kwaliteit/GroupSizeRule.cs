using NRules.Fluent.Dsl;
using Verwerving.Domain;
using Verwerving.Text;
using Verwerving.Workflows;

namespace Verwerving.Rules.Quality;

[Name("kwaliteit.groepsgrootte"), Tag(RuleSets.Quality)]
[Description("Groepen in de gesloten jeugdhulp tellen ten hoogste zes jongeren.")]
[Finding(Severity.Violation, "004 hoofdstuk 5")]
public sealed class GroupSizeRule : CatalogRule
{
    public override void Define()
    {
        QualityFigure f = null!;
        When().Match(() => f, x => x.Indicator == "groepsgrootte" && x.Value > x.Norms["kwaliteit.groepsgrootte"]);
        Then().Yield(_ => Verdict(f, $"Bij {f.Name} was de groepsgrootte {Nl.Number(f.Value)} in {Nl.Period(f.From, f.To)}; de norm is ten hoogste {Nl.Number(f.Norms["kwaliteit.groepsgrootte"])}.", new { waarde = f.Value, norm = f.Norms["kwaliteit.groepsgrootte"], aantal = f.Basis }));
    }
}
