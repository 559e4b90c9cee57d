using NRules.Fluent.Dsl;
using Verwerving.Domain;
using Verwerving.Text;
using Verwerving.Workflows;

namespace Verwerving.Rules.Quality;

[Name("kwaliteit.geregistreerde-professionals"), Tag(RuleSets.Quality)]
[Description("Ten minste de norm aan SKJ/BIG-geregistreerde professionals (verantwoorde werktoedeling).")]
[Finding(Severity.Violation, "001 bijlage 3; Jeugdwet art. 4.1.1")]
public sealed class RegisteredProfessionalsRule : CatalogRule
{
    public override void Define()
    {
        QualityFigure f = null!;
        When().Match(() => f, x => x.Indicator == "geregistreerde-professionals" && x.Value < x.Norms["kwaliteit.geregistreerde-professionals"]);
        Then().Yield(_ => Verdict(f, $"Bij {f.Name} was het aandeel geregistreerde professionals {Nl.Percent(f.Value)} in {Nl.Period(f.From, f.To)}; de norm is ten minste {Nl.Percent(f.Norms["kwaliteit.geregistreerde-professionals"])}.", new { waarde = f.Value, norm = f.Norms["kwaliteit.geregistreerde-professionals"], aantal = f.Basis }));
    }
}
