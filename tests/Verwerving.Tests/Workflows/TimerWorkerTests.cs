using Microsoft.EntityFrameworkCore;
using Verwerving.Domain;
using Verwerving.Workflows;

namespace Verwerving.Tests.Workflows;

/// <summary>
/// The timer worker on a database that runs on the system clock: a due timer fires once with its transition, a failing one is
/// retried with back-off and becomes an incident a contract manager can retry, and a claim that its node never finished lapses.
/// </summary>
public abstract class TimerWorkerTests(string provider)
{
    [Fact]
    public void DueTimer_FiresOnce_WithItsTransition_AndTheNextTermOnTheWorkingDayCalendar()
    {
        using var h = new WorkflowHarness(provider, null, TimerWorkflows.Folder());
        var id = h.Start("timertest", "T-1");
        var timer = PendingTimer(h, id);
        Assert.InRange(timer.DueAt, DateTime.UtcNow.AddHours(23), DateTime.UtcNow.AddHours(25)); // after: 1d, from now
        var worker = h.Worker("node-a");
        Assert.Empty(worker.RunOnce()); // not due yet

        MakeDue(h, timer.Id);
        var run = Assert.Single(worker.RunOnce());
        Assert.Equal(("verder", "gepland"), (run.Trigger, run.Fired!.To));
        Assert.Empty(worker.RunOnce()); // fired once, never again

        using var db = h.Open();
        var fired = db.Set<WorkflowTimer>().AsNoTracking().Single(t => t.Id == timer.Id);
        Assert.Equal((TimerStatus.Fired, "node-a", 1, (string?)null), (fired.Status, fired.FiredBy, fired.Attempts, fired.ClaimedBy));
        var transition = db.AuditEntries.AsNoTracking().Single(a => a.Action == "workflow.transitie" && a.Actor == Roles.System);
        Assert.Contains($"\"timer\":{timer.Id}", transition.DetailsJson);
        // The next state's term is five working days, counted on the Dutch calendar from the moment of firing.
        var next = PendingTimer(h, id);
        Assert.Equal(h.Runtimes.Calendar.Add(fired.FiredAt!.Value, new Duration(5, DurationUnit.WorkingDay)), next.DueAt);
        Assert.True(h.AuditChainIntact());
    }

    [Fact]
    public void FailingTimer_IsRetriedWithBackoff_BecomesAnIncident_AndAContractManagerRetriesIt()
    {
        using var h = new WorkflowHarness(provider, null, TimerWorkflows.Folder());
        var id = h.Start("datumtest", "D-1"); // no start date yet: the next state cannot plan its timer
        var timer = PendingTimer(h, id);
        var log = new List<string>();
        var worker = h.Worker("node-a", log: log);

        for (var attempt = 1; attempt <= WorkflowTimer.MaxAttempts; attempt++)
        {
            MakeDue(h, timer.Id);
            var run = Assert.Single(worker.RunOnce());
            Assert.Null(run.Fired);
            Assert.Contains("De geplande stap 'Afronden' rekent vanaf het veld 'startdatum', maar daar staat geen datum", run.Failure);
            Assert.Equal(attempt == WorkflowTimer.MaxAttempts, run.Incident);
            Assert.Equal("wacht", h.Show(id).State); // the failed step left nothing behind
            using var db = h.Open();
            var row = db.Set<WorkflowTimer>().AsNoTracking().Single(t => t.Id == timer.Id);
            Assert.Equal(attempt, row.Attempts);
            if (attempt < WorkflowTimer.MaxAttempts)
            {
                Assert.Equal(TimerStatus.Pending, row.Status);
                Assert.InRange(row.AttemptAt - DateTime.UtcNow, WorkflowTimer.Backoff(attempt) - TimeSpan.FromSeconds(30), WorkflowTimer.Backoff(attempt));
                Assert.Empty(worker.RunOnce()); // waits its back-off
            }
            else Assert.Equal(TimerStatus.Incident, row.Status);
        }
        Assert.Empty(worker.RunOnce()); // an incident is never retried by itself
        Assert.Contains(log, l => l.Contains("incident") && l.Contains($"Timer {timer.Id}"));

        var incident = Assert.Single(h.Show(id).Incidents);
        Assert.Equal((timer.Id, "verder", WorkflowTimer.MaxAttempts), (incident.TimerId, incident.Trigger, incident.Attempts));
        Assert.Contains("startdatum", incident.Error);
        Assert.Single(h.Run(r => r.Incidents()));

        // The contract manager records the missing date, then retries; a controller may not.
        h.Fire(id, "startdatum-zetten", "contractmanager", ("datum", "2026-03-02"));
        var refused = Assert.Throws<RefusedException>(() => h.Run(r => { r.RetryIncident(timer.Id, r.RequireUser("controller")); return 0; }));
        Assert.Contains("contractmanager", refused.Message);
        h.Run(r => { r.RetryIncident(timer.Id, r.RequireUser("contractmanager")); return 0; });
        Assert.Empty(h.Run(r => r.Incidents()));

        var retried = Assert.Single(worker.RunOnce());
        Assert.Equal("op-datum", retried.Fired!.To);
        // Monday 2 March 2026 plus five working days, at the start of that Dutch day.
        Assert.Equal(WorkCalendar.StartOf(new DateOnly(2026, 3, 9)), PendingTimer(h, id).DueAt);
        using (var db = h.Open())
        {
            var actions = db.AuditEntries.AsNoTracking().Where(a => a.SubjectKey == id.ToString()).OrderBy(a => a.Sequence).Select(a => a.Action).ToList();
            Assert.Equal(WorkflowTimer.MaxAttempts - 1, actions.Count(a => a == "workflow.timer-mislukt"));
            Assert.Equal(1, actions.Count(a => a == "workflow.timer-incident"));
            Assert.Equal(1, actions.Count(a => a == "workflow.timer-opnieuw"));
            // A failed step rolled back to its savepoint; the anchor still names the real head.
            var check = Verwerving.Persistence.AuditVerification.Verify(db);
            Assert.True(check.Intact, string.Join("; ", check.Problems));
            Assert.Equal(Verwerving.Persistence.AuditVerification.Head(db), check.Anchor);
        }
        Assert.True(h.AuditChainIntact());
    }

    [Fact]
    public void AClaimThatItsNodeNeverFinished_LapsesWithItsLease_AndAnotherNodeFiresItOnce()
    {
        using var h = new WorkflowHarness(provider, null, TimerWorkflows.Folder());
        var ids = Enumerable.Range(1, 3).Select(i => h.Start("timertest", $"T-{i}")).ToList();
        foreach (var i in ids) MakeDue(h, PendingTimer(h, i).Id);

        // Node A claims everything and dies before firing.
        var claimed = h.Run(r => r.ClaimDue("node-a", DateTime.UtcNow, TimeSpan.FromSeconds(30), 10));
        Assert.Equal(3, claimed.Count);
        Assert.Empty(h.Worker("node-b").RunOnce()); // the claims still hold

        var later = new ShiftedTime(TimeSpan.FromSeconds(31));
        var runs = h.Worker("node-b", wall: later).RunOnce();
        Assert.Equal(3, runs.Count(r => r.Fired is not null));
        // Node A comes back with its old list: everything is done already.
        foreach (var t in claimed) Assert.Null(h.Run(r => r.FireTimer(t, "node-a", wallNow: DateTime.UtcNow)));

        using var db = h.Open();
        Assert.All(db.Set<WorkflowTimer>().AsNoTracking().Where(t => claimed.Contains(t.Id)).ToList(),
            t => Assert.Equal((TimerStatus.Fired, "node-b"), (t.Status, t.FiredBy)));
        Assert.Equal(3, db.AuditEntries.Count(a => a.Action == "workflow.transitie" && a.Actor == Roles.System));
    }

    [Fact]
    public void OnASimulatedDatabase_TheWorkerWaitsForTheClock()
    {
        using var h = new WorkflowHarness(provider, new DateTime(2020, 1, 6, 9, 0, 0, DateTimeKind.Utc), TimerWorkflows.Folder());
        var id = h.Start("timertest", "T-1");
        var worker = h.Worker("node-a");
        Assert.Empty(worker.RunOnce()); // years have passed on the system clock, not on this database's

        var fired = Assert.Single(h.Advance("1d"));
        Assert.Equal("gepland", fired.To);
        using var db = h.Open();
        Assert.Equal(WorkflowRuntime.ClockNode, db.Set<WorkflowTimer>().AsNoTracking().Single(t => t.InstanceId == id && t.Status == TimerStatus.Fired).FiredBy);
    }

    internal static WorkflowTimer PendingTimer(WorkflowHarness h, long instance)
    {
        using var db = h.Open();
        return db.Set<WorkflowTimer>().AsNoTracking().Single(t => t.InstanceId == instance && t.Status == TimerStatus.Pending);
    }

    /// <summary>Moves a timer's due time to just now, as if its term had passed.</summary>
    internal static void MakeDue(WorkflowHarness h, long timer, DateTime? at = null)
    {
        using var db = h.Open();
        var when = at ?? DateTime.UtcNow.AddSeconds(-1);
        db.Set<WorkflowTimer>().Where(t => t.Id == timer).ExecuteUpdate(u => u.SetProperty(t => t.DueAt, when).SetProperty(t => t.AttemptAt, when));
    }

    private sealed class ShiftedTime(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => DateTimeOffset.UtcNow + shift;
    }
}

public sealed class SqliteTimerWorkerTests() : TimerWorkerTests("sqlite");

[Trait("Category", "Postgres")]
public sealed class PostgresTimerWorkerTests() : TimerWorkerTests("postgres");

/// <summary>Small definitions that exercise timers: a plain one, and one whose next timer needs a date a person records.</summary>
internal static class TimerWorkflows
{
    public const string Plain = """
        id: timertest
        version: 1
        title: Timers testen
        data:
          regios: ZK
        states:
          - id: wacht
            initial: true
            title: Wacht
            timers:
              - { after: 1d, trigger: verder }
          - id: gepland
            title: Gepland
            timers:
              - { after: 5 werkdagen, trigger: afronden }
          - id: afgerond
            title: Afgerond
            final: true
        triggers:
          - { id: verder, title: Verder, from: wacht, to: gepland, roles: [systeem] }
          - { id: afronden, title: Afronden, from: gepland, to: afgerond, roles: [systeem] }
        """;

    public const string NeedsADate = """
        id: datumtest
        version: 1
        title: Plannen op een datum
        data:
          regios: ZK
          startdatum: onbekend
        states:
          - id: wacht
            initial: true
            title: Wacht
            timers:
              - { after: 1d, trigger: verder }
          - id: op-datum
            title: Op datum gepland
            timers:
              - { at: startdatum + 5wd, trigger: afronden }
          - id: afgerond
            title: Afgerond
            final: true
        triggers:
          - { id: verder, title: Verder, from: wacht, to: op-datum, roles: [systeem] }
          - { id: afronden, title: Afronden, from: op-datum, to: afgerond, roles: [systeem] }
          - id: startdatum-zetten
            title: Startdatum vastleggen
            from: wacht
            internal: true
            roles: [contractmanager]
            parameters: [{ name: datum, type: date }]
            set: { startdatum: param.datum }
        """;

    /// <summary>A fresh folder with these definitions (and, for counting, ten timers per instance).</summary>
    public static string Folder(params string[] extra)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"verwerving-timers-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "timertest.yaml"), Plain);
        File.WriteAllText(Path.Combine(folder, "datumtest.yaml"), NeedsADate);
        // The catalogue knows a definition by its file name.
        foreach (var yaml in extra) File.WriteAllText(Path.Combine(folder, yaml.Split('\n').First(l => l.StartsWith("id:", StringComparison.Ordinal))[3..].Trim() + ".yaml"), yaml);
        return folder;
    }
}
