using Verwerving.Domain;
using Verwerving.Persistence;
using Verwerving.Workflows;

namespace Verwerving.Rules;

/// <summary>A continuity signal about a provider starts the escalation workflow, once per provider at a time (001 §6.3).</summary>
public static class Escalation
{
    /// <summary>Starts the escalation for every provider with a new continuity finding that has none running, in one transaction.</summary>
    public static IReadOnlyList<string> StartFor(VerwervingDb db, WorkflowRuntime runtime, IEnumerable<Finding> opened)
    {
        var started = new List<string>();
        var providers = opened.Where(f => f.RuleSet == RuleSets.Continuity && f.SubjectType == Subjects.Provider)
            .Select(f => f.SubjectKey).Distinct().ToList();
        if (providers.Count == 0) return started;
        // The escalation is the workflow about a provider.
        var workflow = runtime.DefinitionFor(SubjectKind.Provider)?.Id
            ?? throw new DomainException("Er is geen workflowdefinitie over een aanbieder (subject: aanbieder) voor de escalatie.");
        using var tx = db.Database.BeginTransaction();
        foreach (var agb in providers)
        {
            if (runtime.IsRunning(agb)) continue;
            runtime.StartBySystem(workflow, agb, new Dictionary<string, string>());
            started.Add(agb);
        }
        db.SaveChanges();
        tx.Commit();
        return started;
    }
}
