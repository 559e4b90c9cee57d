using Microsoft.EntityFrameworkCore;
using Verwerving.Domain;
using Verwerving.Persistence;
using Verwerving.Workflows;

namespace Verwerving.Rules;

/// <summary>
/// A guard "ruleset: X" passes when rule set X has no blocking finding for the instance as it would stand
/// after the transition: the facts are built with the target state, so the rules judge the step before it is taken.
/// </summary>
public sealed class WorkflowRuleGuard(Func<NormBook> loadNorms) : IRuleGuard
{
    // Most commands never reach a rule-set guard; the norms are read only when one does.
    private readonly Lazy<NormBook> _norms = new(loadNorms);

    public IReadOnlyList<string> Blocking(VerwervingDb db, string ruleSet, WorkflowDefinition definition, WorkflowInstance instance,
        TriggerDefinition trigger, DateTime now)
    {
        var today = WorkCalendar.DateOf(now);
        var facts = Facts(db, definition, instance, trigger, today);
        return RuleEngine.Evaluate(facts).Where(v => v.Rule.RuleSet == ruleSet && v.Rule.Severity == Severity.Blocking)
            .Select(v => v.Explanation).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>A norm in dagen or werkdagen as a task's term; a tender of several regions uses the national norm.</summary>
    public Duration? NormTerm(string norm, WorkflowInstance instance, DateTime now)
    {
        if (_norms.Value.Find(norm) is not { Unit: "dagen" or "werkdagen" } found) return null;
        var scope = WorkflowRuntime.RegionsOf(instance);
        var days = (int)Math.Ceiling(_norms.Value.Value(norm, scope.Count == 1 ? scope[0] : null, WorkCalendar.DateOf(now)));
        return new Duration(days, found.Unit == "werkdagen" ? DurationUnit.WorkingDay : DurationUnit.Day);
    }

    /// <summary>The subject's facts as they would stand after the step: a tender in the phase its operation leads to.</summary>
    private List<Fact> Facts(VerwervingDb db, WorkflowDefinition definition, WorkflowInstance instance, TriggerDefinition trigger, DateOnly today)
    {
        if (definition.Subject != SubjectKind.Tender) return [];
        var tender = db.Tenders.AsNoTracking().Include(t => t.Candidates).Include(t => t.Bids).AsSplitQuery().FirstOrDefault(t => t.Reference == instance.SubjectKey);
        if (tender is null) return [];
        var phase = DomainOperations.Find(trigger.Operation)?.LeadsTo ?? tender.Phase;
        return [new FactLoader(db, _norms.Value, today).Tender(tender, phase, tender.AwardedOn ?? today)];
    }
}
