using Verwerving.Workflows;
using Microsoft.EntityFrameworkCore;
using Verwerving.Domain;
using Verwerving.Persistence;

namespace Verwerving.Rules;

public sealed record CheckResult(CheckScope Scope, int Facts, IReadOnlyList<Finding> Standing, IReadOnlyList<Finding> Opened,
    IReadOnlyList<Finding> Closed, TimeSpan Elapsed)
{
    public bool Blocking => Standing.Any(f => f.Severity == Severity.Blocking);
}

/// <summary>
/// Keeps the stored findings true to the facts: a new verdict opens a finding, a verdict that still
/// stands refreshes it, and a finding whose subject was judged again without it is closed, never deleted.
/// </summary>
public static class FindingLedger
{
    public static CheckResult Check(VerwervingDb db, NormBook norms, CheckScope scope, DateTime now, string actor)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var today = WorkCalendar.DateOf(now);
        var facts = new FactLoader(db, norms, today).Load(scope);
        var verdicts = RuleEngine.Evaluate(facts);
        using var tx = db.Database.BeginTransaction();
        var (standing, opened, closed) = Reconcile(db, facts, verdicts, now);
        db.Audit(now, actor, "regels.getoetst", "Scope", scope.ToString(), System.Text.Json.JsonSerializer.Serialize(new
        {
            feiten = facts.Count, bevindingen = standing.Count, nieuw = opened.Count, gesloten = closed.Count,
        }));
        db.SaveChanges();
        tx.Commit();
        return new CheckResult(scope, facts.Count, standing, opened, closed, System.Diagnostics.Stopwatch.GetElapsedTime(started));
    }

    private static (List<Finding> Standing, List<Finding> Opened, List<Finding> Closed) Reconcile(VerwervingDb db, List<Fact> facts,
        IReadOnlyList<Verdict> verdicts, DateTime now)
    {
        var judged = facts.Select(f => (f.SubjectType, f.SubjectKey, f.From, f.To)).ToHashSet();
        var types = judged.Select(j => j.SubjectType).Distinct().ToList();
        var open = db.Findings.Where(f => f.Status == FindingStatus.Open && types.Contains(f.SubjectType)).ToList()
            .Where(f => judged.Contains((f.SubjectType, f.SubjectKey, f.PeriodStart, f.PeriodEnd)))
            .ToDictionary(f => f.Key);
        var standing = new List<Finding>();
        var opened = new List<Finding>();
        foreach (var v in verdicts.GroupBy(v => v.Key).Select(g => g.First()))
        {
            if (open.Remove(v.Key, out var existing))
            {
                if (existing.Explanation != v.Explanation || existing.FactsJson != v.FactsJson) existing.Refresh(v.Explanation, v.FactsJson);
                standing.Add(existing);
                continue;
            }
            var finding = new Finding(v.Rule.Id, v.Rule.RuleSet, v.Rule.Severity, v.Fact.SubjectType, v.Fact.SubjectKey, v.Fact.From, v.Fact.To,
                v.Explanation, v.Rule.Source, v.FactsJson, now);
            db.Findings.Add(finding);
            standing.Add(finding);
            opened.Add(finding);
        }
        foreach (var gone in open.Values) gone.Close(now);
        return (standing, opened, open.Values.ToList());
    }
}
