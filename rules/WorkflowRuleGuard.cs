using System.Globalization;
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

    private static readonly Dictionary<string, TenderPhase> TenderStates = new()
    {
        ["voorbereiding"] = TenderPhase.Preparation, ["aankondiging"] = TenderPhase.Announced, ["selectie"] = TenderPhase.Selection,
        ["dialoog"] = TenderPhase.Dialogue, ["inschrijving"] = TenderPhase.FinalBids, ["beoordeling"] = TenderPhase.Assessment,
        ["voorgenomen-gunning"] = TenderPhase.IntendedAward, ["standstill"] = TenderPhase.Standstill, ["gegund"] = TenderPhase.Awarded,
        ["ondertekend"] = TenderPhase.Contracted, ["ingetrokken"] = TenderPhase.Withdrawn,
    };

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

    private List<Fact> Facts(VerwervingDb db, WorkflowDefinition definition, WorkflowInstance instance, TriggerDefinition trigger, DateOnly today)
    {
        var facts = new List<Fact>();
        if (definition.Id != "dialooggerichte-aanbesteding") return facts;
        var target = string.IsNullOrEmpty(trigger.To) ? instance.State : trigger.To;
        var phase = TenderStates.GetValueOrDefault(target, TenderPhase.Preparation);
        var data = instance.Data;
        var tender = db.Tenders.AsNoTracking().Include(t => t.Candidates).FirstOrDefault(t => t.Reference == instance.SubjectKey)
                     ?? new Tender(instance.SubjectKey, instance.SubjectKey, Region(db, data));
        var admitted = Math.Max(tender.AdmittedCandidates, Int(data, "toegelaten"));
        var intended = DateOnly.TryParseExact((string?)data["standstillBegin"], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d : tender.IntendedAwardOn;
        facts.Add(new FactLoader(db, _norms.Value, today).Tender(tender, phase, today, admitted, intended));
        return facts;
    }

    private static int Int(System.Text.Json.Nodes.JsonObject data, string field) =>
        data[field] is { } n && int.TryParse(n.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : 0;

    private static string Region(VerwervingDb db, System.Text.Json.Nodes.JsonObject data)
    {
        var scope = ((string?)data[WorkflowRuntime.ScopeField] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
        if (scope.Length == 1) return scope[0];
        // A tender of several regions is run at the level above them.
        return db.Regions.AsNoTracking().Where(r => scope.Contains(r.Code) && r.ParentCode != null).Select(r => r.ParentCode!).FirstOrDefault() ?? "";
    }
}
