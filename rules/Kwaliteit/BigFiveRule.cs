using NRules.Fluent.Dsl;
using Verwerving.Domain;
using Verwerving.Text;
using Verwerving.Workflows;

namespace Verwerving.Rules.Quality;

[Name("kwaliteit.big5-op-orde"), Tag(RuleSets.Quality)]
[Description("Bij uitstroom van 18-jarigen zijn de Big 5 op orde (inkomen, wonen, school/werk, netwerk, welzijn).")]
[Finding(Severity.Warning, "004 hoofdstuk 5")]
public sealed class BigFiveRule : CatalogRule
{
    public override void Define()
    {
        QualityFigure f = null!;
        When().Match(() => f, x => x.Indicator == "big5-op-orde" && x.Value < x.Norms["kwaliteit.big5-op-orde"]);
        Then().Yield(_ => Verdict(f, $"Bij {f.Name} was het aandeel 18-jarigen met de Big 5 op orde {Nl.Percent(f.Value)} in {Nl.Period(f.From, f.To)}; de norm is ten minste {Nl.Percent(f.Norms["kwaliteit.big5-op-orde"])}.", new { waarde = f.Value, norm = f.Norms["kwaliteit.big5-op-orde"], aantal = f.Basis }));
    }
}
