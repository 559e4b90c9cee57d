using Verwerving.Persistence;

namespace Verwerving.Workflows;

/// <summary>Judges a rule set for an instance as it would stand after a trigger; the rules project supplies it.</summary>
public interface IRuleGuard
{
    /// <summary>The blocking findings, explained in Dutch, that would stand if <paramref name="trigger"/> fired now.</summary>
    IReadOnlyList<string> Blocking(VerwervingDb db, string ruleSet, WorkflowDefinition definition, WorkflowInstance instance, TriggerDefinition trigger, DateTime now);

    /// <summary>A norm in days or working days, as it holds for the instance's region on that day, as a term; null when unknown.</summary>
    Duration? NormTerm(string norm, WorkflowInstance instance, DateTime now);
}
