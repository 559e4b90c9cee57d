using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Verwerving.Domain;
using Verwerving.Workflows;

namespace Verwerving.Tests.Workflows;

/// <summary>
/// The CLI process is killed with SIGKILL in the middle of years of timer-driven transitions. Every
/// transition commits with its side effects or not at all, so afterwards the audit chain is intact, every
/// fired timer has its transition on record, and resuming ends exactly where an uninterrupted run ends.
/// </summary>
public class KillTests
{
    private const int Partnerships = 12;

    [Fact]
    public void KilledMidAdvance_LosesNothing_AndResumesToTheSameEnd()
    {
        var start = new DateTime(2023, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        using var killed = Prepare(start);
        using var reference = Prepare(start);

        using (var db = killed.Open())
        {
            var baseline = db.AuditEntries.Count();
            using var process = Cli(killed, "clock", "set", "2028-01-01");
            // Kill as soon as the run is visibly under way, i.e. in the middle of committing transitions.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (db.AuditEntries.Count() < baseline + 40 && !process.HasExited && DateTime.UtcNow < deadline) Thread.Sleep(20);
            Assert.False(process.HasExited, "the advance finished before it could be killed; raise Partnerships");
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        Assert.True(killed.AuditChainIntact());
        var (fired, transitions, _) = Census(killed);
        Assert.Equal(fired, transitions); // no timer marked fired without its transition, nor the reverse

        Assert.Equal(0, Run(killed, "clock", "set", "2028-01-01"));
        Assert.Equal(0, Run(reference, "clock", "set", "2028-01-01"));
        Assert.InRange(fired, 1, Census(reference).Fired - 1); // the kill did land mid-run
        Assert.True(killed.AuditChainIntact());
        Assert.Equal(Census(reference), Census(killed));
    }

    private static WorkflowHarness Prepare(DateTime start)
    {
        var h = new WorkflowHarness("sqlite", start);
        for (var i = 0; i < Partnerships; i++)
            h.Start("strategisch-partnerschap", h.Agreement($"SO-KILL-{i:00}", new DateOnly(2023, 1, 1)));
        return h;
    }

    /// <summary>Fired timers, system transitions on record, and each instance's state.</summary>
    private static (int Fired, int Transitions, string States) Census(WorkflowHarness h)
    {
        using var db = h.Open();
        var fired = db.Set<WorkflowTimer>().Count(t => t.Status == TimerStatus.Fired);
        var transitions = db.AuditEntries.Count(a => a.Actor == Roles.System && a.Action == "workflow.transitie");
        var states = string.Join(",", db.Set<WorkflowInstance>().AsNoTracking().OrderBy(i => i.Id).Select(i => i.SubjectKey + "=" + i.State));
        return (fired, transitions, states);
    }

    private static Process Cli(WorkflowHarness h, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "verwerving.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var a in new[] { "--db", h.Options.SqlitePath!, "--workflows", h.Folder }) start.ArgumentList.Add(a);
        start.Environment["VERWERVING_HOME"] = Path.GetDirectoryName(WorkflowHarness.RepositoryWorkflows);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static int Run(WorkflowHarness h, params string[] args)
    {
        using var process = Cli(h, args);
        process.WaitForExit();
        return process.ExitCode;
    }
}
