using Microsoft.EntityFrameworkCore;
using Verwerving.Domain;
using Verwerving.Rules;
using Verwerving.Workflows;

namespace Verwerving.Tests.Workflows;

/// <summary>
/// A PHO decision leaves the contract manager a task with the norm's term to inform the councils. Past the term the inbox marks
/// it and the rules give a finding; the contract manager hands it to a colleague, who closes it, and the finding closes too.
/// </summary>
public abstract class TaskTermTests(string provider)
{
    private static readonly DateTime Monday = new(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void OverdueTask_IsMarked_GivesAFinding_AndIsHandedToAColleague()
    {
        using var h = new WorkflowHarness(provider, Monday);
        using (var db = h.Open())
        {
            db.Users.Add(new User("contractmanager2", "Tweede contractmanager", [Roles.ContractManager], "IJM"));
            db.SaveChanges();
        }
        var id = h.Start("bestuurlijk-besluit", "PHO-2026-07", data: new() { ["titel"] = "Ophoging plafond", ["raadspositie"] = "true" });
        h.Fire(id, "indienen", "contractmanager");
        h.Fire(id, "voorstellen", "kernteam");
        h.Fire(id, "besluiten", "wethouder.zk");
        h.Fire(id, "besluiten", "wethouder.ijmond");

        var task = Assert.Single(h.Show(id).Tasks);
        // Two regions: the national norm of 30 days (rules/norms/default.yaml), on the Dutch calendar.
        Assert.Equal(h.Runtimes.Calendar.Add(h.Now, new Duration(30, DurationUnit.Day)), task.DueAt);
        var inbox = h.Run(r => r.Inbox(r.RequireUser("contractmanager")));
        Assert.False(Assert.Single(inbox, t => t.Id == task.Id).Overdue);
        Assert.Empty(Check(h, "bestuur.taak-op-tijd"));

        h.Advance("30d");
        Assert.False(h.Run(r => r.Inbox(r.RequireUser("contractmanager"))).Single(t => t.Id == task.Id).Overdue); // the last day still counts
        h.Advance("1d");
        Assert.True(h.Run(r => r.Inbox(r.RequireUser("contractmanager"))).Single(t => t.Id == task.Id).Overdue);
        var finding = Assert.Single(Check(h, "bestuur.taak-op-tijd"));
        Assert.Equal($"PHO-2026-07/taak-{task.Id}", finding.SubjectKey);
        Assert.Contains("1 dag(en) te laat", finding.Explanation);

        // Only a contract manager hands a task on, and only to someone with its role.
        Assert.Throws<RefusedException>(() => h.Run(r => r.Reassign(task.Id, "contractmanager2", r.RequireUser("kernteam"))));
        var noRole = Assert.Throws<DomainException>(() => h.Run(r => r.Reassign(task.Id, "controller", r.RequireUser("contractmanager"))));
        Assert.Contains("niet de rol contractmanager", noRole.Message);
        Assert.Null(h.Show(id).Tasks.Single().AssignedTo);

        h.Run(r => r.Reassign(task.Id, "contractmanager2", r.RequireUser("contractmanager")));
        Assert.Equal("contractmanager2", h.Show(id).Tasks.Single().AssignedTo);
        Assert.DoesNotContain(h.Run(r => r.Inbox(r.RequireUser("contractmanager"))), t => t.Id == task.Id);
        Assert.Contains(h.Run(r => r.Inbox(r.RequireUser("contractmanager2"))), t => t.Id == task.Id);

        h.Fire(id, "raden-informeren", "contractmanager2");
        Assert.Empty(h.Show(id).Tasks);
        Assert.Empty(Check(h, "bestuur.taak-op-tijd"));
        using (var db = h.Open())
        {
            Assert.Equal(FindingStatus.Closed, db.Findings.AsNoTracking().Single(f => f.Id == finding.Id).Status);
            Assert.Single(db.AuditEntries.AsNoTracking().Where(a => a.Action == "workflow.taak-toegewezen" && a.Actor == "contractmanager"));
        }
        Assert.True(h.AuditChainIntact());
    }

    private static List<Finding> Check(WorkflowHarness h, string rule)
    {
        using var db = h.Open();
        var now = Verwerving.Workflows.DatabaseClock.Load(db).UtcNow;
        var result = FindingLedger.Check(db, NormBook.Load(), new CheckScope(new DateOnly(2025, 1, 1), WorkCalendar.DateOf(now)), now, Roles.System);
        return result.Standing.Where(f => f.RuleId == rule).ToList();
    }
}

public sealed class SqliteTaskTermTests() : TaskTermTests("sqlite");

[Trait("Category", "Postgres")]
public sealed class PostgresTaskTermTests() : TaskTermTests("postgres");
