using NRules.Fluent.Dsl;
using Verwerving.Domain;
using Verwerving.Text;
using Verwerving.Workflows;

namespace Verwerving.Rules.Governance;

[Name("bestuur.regios-geinformeerd"), Tag(RuleSets.Governance)]
[Description("De accounthoudende regio informeert de andere inkopende regio's binnen de termijn zodra een continuïteitssignaal staat.")]
[Finding(Severity.Violation, "001 §6.3; 004 §6.3.1")]
public sealed class OtherRegionsInformedRule : CatalogRule
{
    public override void Define()
    {
        EscalationFacts f = null!;
        When().Match(() => f, x => (x.OthersInformedOn ?? x.Today).DayNumber - x.InformingSince.DayNumber > x.Norms["bestuur.regios-informeren-dagen"]);
        Then().Yield(_ => Verdict(f, $"Het continuïteitssignaal over {f.Name} vraagt sinds {Nl.Date(f.InformingSince)} om informatie aan de andere regio's; accounthoudende regio {f.AccountHolder} heeft de andere regio's " + (f.OthersInformedOn != null ? $"pas op {Nl.Date(f.OthersInformedOn.Value)} geïnformeerd" : $"nog niet allemaal geïnformeerd (nog niet: {f.NotInformed})") + $""" (termijn {f.Norms["bestuur.regios-informeren-dagen"]:0} dagen).""", new { signaal = f.InformingSince, geinformeerd = f.OthersInformedOn, accounthouder = f.AccountHolder }));
    }
}
