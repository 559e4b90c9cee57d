using System.Globalization;
using Verwerving.Persistence;

namespace Verwerving.Workflows;

/// <summary>How a worker claims: its node name, how long a claim holds, how many timers per claim, how often it looks.</summary>
public sealed record WorkerOptions(string Node, TimeSpan Lease, int Batch, TimeSpan Interval)
{
    public static string DefaultNode() => $"{Environment.MachineName}:{Environment.ProcessId}";

    public static WorkerOptions Default => new(DefaultNode(), TimeSpan.FromSeconds(60), 50, TimeSpan.FromSeconds(5));
}

/// <summary>
/// Fires due timers on real time: claims a batch with a lease, fires each with its transition in one transaction, and sleeps
/// until the next due time (at most one interval, so a timer added by another node is seen soon). Any number of workers may
/// run on one database; a killed worker's claims lapse with their lease and another node fires those timers.
/// </summary>
public sealed class TimerWorker(Func<VerwervingDb> open, Func<VerwervingDb, WorkflowRuntime> runtimeFor, WorkerOptions options,
    Action<string> log, TimeProvider? wall = null)
{
    private readonly TimeProvider _wall = wall ?? TimeProvider.System;

    /// <summary>Timers per commit: a disk write per transition would cap the rate at the disk's sync speed.</summary>
    public const int CommitGroup = 25;

    public WorkerOptions Options => options;

    /// <summary>One round: claim what is due and fire it. Returns what became of each claimed timer.</summary>
    public IReadOnlyList<TimerRun> RunOnce(CancellationToken cancel = default)
    {
        using var db = open();
        var runtime = runtimeFor(db);
        var claimed = runtime.ClaimDue(options.Node, _wall.GetUtcNow().UtcDateTime, options.Lease, options.Batch);
        var runs = new List<TimerRun>();
        // Fired in groups that share a commit; a conflict rolls only its group back, and those timers stay due.
        foreach (var group in claimed.Chunk(CommitGroup))
        {
            if (cancel.IsCancellationRequested) break;
            try { runs.AddRange(runtime.FireTimers(group, options.Node, _wall.GetUtcNow().UtcDateTime, cancel)); }
            catch (Exception ex) when (DatabaseOptions.IsConflict(ex)) { db.ChangeTracker.Clear(); }
        }
        foreach (var run in runs.Where(r => r.Failure is not null))
            log(run.Incident
                ? $"Timer {run.TimerId} ({run.Trigger}, instantie {run.InstanceId}) is een incident na {WorkflowTimer.MaxAttempts} pogingen: {run.Failure}"
                : $"Timer {run.TimerId} ({run.Trigger}, instantie {run.InstanceId}) mislukte, volgt later opnieuw: {run.Failure}");
        return runs;
    }

    /// <summary>Runs until cancelled. A database that cannot be reached is retried after an interval, never given up.</summary>
    public async Task RunAsync(CancellationToken cancel)
    {
        log($"Timerwerker {options.Node} gestart (lease {Seconds(options.Lease)} s, per ronde {options.Batch}, kijkt elke {Seconds(options.Interval)} s).");
        while (!cancel.IsCancellationRequested)
        {
            var wait = options.Interval;
            try
            {
                if (RunOnce(cancel).Count > 0) continue;
                wait = UntilNextDue() ?? wait;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log($"Timerwerker {options.Node}: database niet bereikbaar of fout ({DatabaseOptions.Innermost(ex).GetType().Name}); opnieuw over {Seconds(wait)} s.");
            }
            try { await Task.Delay(wait, _wall, cancel); }
            catch (OperationCanceledException) { break; }
        }
        log($"Timerwerker {options.Node} gestopt.");
    }

    // Sleeps only as long as needed, but never past one interval: a long term (nine years) is a row, not a delay.
    private TimeSpan? UntilNextDue()
    {
        using var db = open();
        var runtime = runtimeFor(db);
        if (runtime.NextDue(_wall.GetUtcNow().UtcDateTime) is not { } next) return null;
        var left = next - runtime.Clock.UtcNow;
        if (runtime.Clock.IsSimulated || left >= options.Interval) return options.Interval;
        return left < TimeSpan.FromMilliseconds(5) ? TimeSpan.FromMilliseconds(5) : left;
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.###", CultureInfo.GetCultureInfo("nl-NL"));
}
