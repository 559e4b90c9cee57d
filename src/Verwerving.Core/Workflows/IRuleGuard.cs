using Verwerving.Persistence;

namespace Verwerving.Workflows;

/// <summary>Judges a rule set for an instance as it would stand after a trigger; the rules project supplies it.</summary>
public interface IRuleGuard
{
    /// <summary>The blocking findings, explained in Dutch, that would stand if <paramref name="trigger"/> fired now.</summary>
    IReadOnlyList<string> Blocking(VerwervingDb db, string ruleSet, WorkflowDefinition definition, WorkflowInstance instance, TriggerDefinition trigger, DateTime now);
}
