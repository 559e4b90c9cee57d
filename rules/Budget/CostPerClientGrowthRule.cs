using NRules.Fluent.Dsl;
using Verwerving.Domain;
using Verwerving.Text;
using Verwerving.Workflows;

namespace Verwerving.Rules.Budget;

[Name("budget.kosten-per-client"), Tag(RuleSets.Budget)]
[Description("De kosten per cliënt groeien niet sneller dan het aantal cliënten.")]
[Finding(Severity.Warning, "001 §2")]
public sealed class CostPerClientGrowthRule : CatalogRule
{
    public override void Define()
    {
        RegionGrowth f = null!;
        When().Match(() => f, x => x.PreviousClients > 0 && x.CostPerClientGrowth > x.ClientGrowth + x.Norms["budget.groei-marge"]);
        Then().Yield(_ => Verdict(f, $"In {f.Name} groeiden de kosten per cliënt in {f.From.Year} met {Nl.Percent(f.CostPerClientGrowth)}, sneller dan het aantal cliënten ({Nl.Percent(f.ClientGrowth)}: {f.PreviousClients} → {f.Clients}); kosten {Nl.Euro(f.PreviousCostsCents)} → {Nl.Euro(f.CostsCents)}.", new { clienten = f.Clients, vorigJaarClienten = f.PreviousClients, kosten = f.CostsCents, vorigJaarKosten = f.PreviousCostsCents }));
    }
}
