using NRules.Fluent.Dsl;
using Verwerving.Domain;
using Verwerving.Text;
using Verwerving.Workflows;

namespace Verwerving.Rules.Governance;

[Name("bestuur.taak-op-tijd"), Tag(RuleSets.Governance)]
[Description("Een taak met een termijn wordt binnen die termijn afgehandeld.")]
[Finding(Severity.Warning, "termijn in de workflowdefinitie")]
public sealed class TaskOnTimeRule : CatalogRule
{
    public override void Define()
    {
        TaskTermFact f = null!;
        When().Match(() => f, x => x.Open && x.Today > x.Due);
        Then().Yield(_ => Verdict(f, $"""De taak "{f.Title}" voor {f.Subject} (rol {f.Role}{(f.AssignedTo == null ? "" : ", bij " + f.AssignedTo)}) moest uiterlijk {Nl.Date(f.Due)} zijn afgehandeld en staat {f.Today.DayNumber - f.Due.DayNumber} dag(en) te laat open.""", new { termijn = f.Due, rol = f.Role }));
    }
}
