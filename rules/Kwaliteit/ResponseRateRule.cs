using NRules.Fluent.Dsl;
using Verwerving.Domain;
using Verwerving.Text;
using Verwerving.Workflows;

namespace Verwerving.Rules.Quality;

[Name("kwaliteit.respons"), Tag(RuleSets.Quality)]
[Description("Het cliëntervaringsonderzoek haalt ten minste de normrespons.")]
[Finding(Severity.Warning, "001 bijlage 3")]
public sealed class ResponseRateRule : CatalogRule
{
    public override void Define()
    {
        QualityFigure f = null!;
        When().Match(() => f, x => x.Indicator == "respons" && x.Value < x.Norms["kwaliteit.respons"]);
        Then().Yield(_ => Verdict(f, $"Bij {f.Name} was de respons op het cliëntervaringsonderzoek {Nl.Percent(f.Value)} in {Nl.Period(f.From, f.To)}; de norm is ten minste {Nl.Percent(f.Norms["kwaliteit.respons"])}.", new { waarde = f.Value, norm = f.Norms["kwaliteit.respons"], aantal = f.Basis }));
    }
}
