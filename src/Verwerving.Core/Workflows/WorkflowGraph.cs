using Stateless;
using Stateless.Graph;

namespace Verwerving.Workflows;

public static class WorkflowGraph
{
    /// <summary>The definition as a Mermaid state diagram, drawn by Stateless from the same configuration the runtime uses.</summary>
    public static string Mermaid(WorkflowDefinition definition)
    {
        var state = definition.Initial.Id;
        var machine = new StateMachine<string, string>(() => state, s => state = s);
        foreach (var s in definition.States)
        {
            var config = machine.Configure(s.Id);
            foreach (var t in definition.TriggersFrom(s.Id))
            {
                if (t.Internal) config.InternalTransition(t.Id, _ => { });
                else if (t.To == s.Id) config.PermitReentry(t.Id);
                else if (t.Guards.Count > 0) config.PermitIf(t.Id, t.To, () => true, string.Join(" en ", t.Guards.Select(g => g.Condition?.ToString() ?? g.RuleSet)));
                else config.Permit(t.Id, t.To);
            }
        }
        return MermaidGraph.Format(machine.GetInfo());
    }
}
