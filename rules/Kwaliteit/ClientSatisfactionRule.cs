using NRules.Fluent.Dsl;
using Verwerving.Domain;
using Verwerving.Text;
using Verwerving.Workflows;

namespace Verwerving.Rules.Quality;

[Name("kwaliteit.clienttevredenheid"), Tag(RuleSets.Quality)]
[Description("Cliënten waarderen de hulp ten minste met de norm.")]
[Finding(Severity.Warning, "001 bijlage 3")]
public sealed class ClientSatisfactionRule : CatalogRule
{
    public override void Define()
    {
        QualityFigure f = null!;
        When().Match(() => f, x => x.Indicator == "clienttevredenheid" && x.Value < x.Norms["kwaliteit.clienttevredenheid"]);
        Then().Yield(_ => Verdict(f, $"Bij {f.Name} was de cliënttevredenheid {Nl.Number(f.Value)} in {Nl.Period(f.From, f.To)}; de norm is ten minste {Nl.Number(f.Norms["kwaliteit.clienttevredenheid"])}.", new { waarde = f.Value, norm = f.Norms["kwaliteit.clienttevredenheid"], aantal = f.Basis }));
    }
}
