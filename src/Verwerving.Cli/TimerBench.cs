using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Verwerving.Domain;
using Verwerving.Persistence;
using Verwerving.Workflows;

namespace Verwerving.Cli;

/// <summary>
/// bench --scale timers: fires 100,000 due timers through the worker's own path (claim, then one transaction per timer with
/// its transition and audit entry) on a throwaway SQLite database, and on PostgreSQL when --connection names a server (in a
/// fresh database that is dropped afterwards); then the delay from due to fired for a running worker.
/// </summary>
internal static class TimerBench
{
    private const int Timers = 100_000;
    private const int Instances = 1_000;
    private const int Delayed = 200;

    private const string Definition = """
        id: bench-timers
        version: 1
        title: Benchmark timers
        data:
          regios: ZK
        states:
          - id: loopt
            initial: true
            title: Loopt
          - id: klaar
            title: Klaar
            final: true
        triggers:
          - { id: tik, title: Tik, from: loopt, internal: true, roles: [systeem] }
          - { id: stoppen, title: Stoppen, from: loopt, to: klaar, roles: [contractmanager] }
        """;

    public static int Run(CliContext ctx, string folder, Func<string, Verwerving.Documents.RuntimeFactory> factoryFor)
    {
        var w = ctx.Out;
        var workflows = Path.Combine(folder, "workflows");
        Directory.CreateDirectory(workflows);
        File.WriteAllText(Path.Combine(workflows, "bench-timers.yaml"), Definition);
        var runtimes = factoryFor(workflows);
        var figures = new Dictionary<string, object>();
        if (!ctx.Json) w.WriteLine($"Benchmark timers: {Timers:N0} vervallen timers over {Instances:N0} instanties, elk met zijn transitie en auditregel onder een eigen savepoint, {TimerWorker.CommitGroup} per commit ({Environment.ProcessorCount} kernen)");

        var targets = new List<(string Name, DatabaseOptions Options, Action Drop)>
        {
            ("SQLite", DatabaseOptions.Sqlite(Path.Combine(folder, "timers.db")), () => { }),
        };
        if (ctx.Database.IsPostgres)
        {
            var builder = new NpgsqlConnectionStringBuilder(ctx.Database.PostgresConnection) { Database = $"verwerving_bench_{Guid.NewGuid():N}"[..40] };
            var pg = DatabaseOptions.Postgres(builder.ConnectionString);
            targets.Add(("PostgreSQL", pg, pg.Delete));
        }
        else if (!ctx.Json) w.WriteLine("  (PostgreSQL: geef --connection met een server om ook daar te meten; de benchmark maakt er een eigen database en ruimt die op)");

        foreach (var (name, options, drop) in targets)
        {
            try
            {
                var (rate, seconds) = FireAll(options, runtimes);
                figures[$"{name}TransitionsPerSecond"] = Math.Round(rate);
                if (!ctx.Json) w.WriteLine($"  {name}: {Timers:N0} timers afgevuurd in {seconds:0.0} s: {rate:N0} transities/s{(name == "SQLite" ? " (doel ≥ 1.000)" : "")}");
                var (median, p95, max) = Delays(options, runtimes);
                figures[$"{name}DelayMedianMs"] = Math.Round(median);
                figures[$"{name}DelayP95Ms"] = Math.Round(p95);
                w.Flush();
                if (!ctx.Json) w.WriteLine($"  {name}: vertraging van vervallen tot afgevuurd bij een draaiende werker ({Delayed} timers over 10 s): mediaan {median:N0} ms, p95 {p95:N0} ms, max {max:N0} ms");
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                drop();
            }
        }
        if (ctx.Json) ctx.Print(figures, _ => { });
        return ExitCodes.Ok;
    }

    private static (double Rate, double Seconds) FireAll(DatabaseOptions options, Verwerving.Documents.RuntimeFactory runtimes)
    {
        var now = DateTime.UtcNow;
        Seed(options, runtimes, Enumerable.Range(0, Timers).Select(i => now.AddSeconds(-1 - i % 60)).ToList());
        var worker = runtimes.Worker(options, new WorkerOptions("bench", TimeSpan.FromMinutes(5), 500, TimeSpan.FromSeconds(1)), _ => { });
        var watch = Stopwatch.StartNew();
        var fired = 0;
        for (IReadOnlyList<TimerRun> round; (round = worker.RunOnce()).Count > 0;) fired += round.Count(r => r.Fired is not null);
        var seconds = watch.Elapsed.TotalSeconds;
        if (fired != Timers) throw new InvalidOperationException($"{fired} van {Timers} timers afgevuurd.");
        return (fired / seconds, seconds);
    }

    private static (double Median, double P95, double Max) Delays(DatabaseOptions options, Verwerving.Documents.RuntimeFactory runtimes)
    {
        var start = DateTime.UtcNow.AddSeconds(1);
        var ids = Seed(options, runtimes, Enumerable.Range(0, Delayed).Select(i => start.AddMilliseconds(i * 50)).ToList(), fresh: false);
        using var stop = new CancellationTokenSource();
        var worker = runtimes.Worker(options, WorkerOptions.Default with { Node = "bench-delay" }, _ => { });
        var running = Task.Run(() => worker.RunAsync(stop.Token));
        using var db = options.Open();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (db.Set<WorkflowTimer>().Count(t => ids.Contains(t.Id) && t.Status == TimerStatus.Fired) < ids.Count && DateTime.UtcNow < deadline) Thread.Sleep(100);
        stop.Cancel();
        running.Wait();
        var delays = db.Set<WorkflowTimer>().AsNoTracking().Where(t => ids.Contains(t.Id) && t.FiredAt != null).Select(t => new { t.DueAt, t.FiredAt }).ToList()
            .Select(t => (t.FiredAt!.Value - t.DueAt).TotalMilliseconds).Order().ToList();
        if (delays.Count < ids.Count) throw new InvalidOperationException($"{delays.Count} van {ids.Count} timers afgevuurd binnen een minuut.");
        return (delays[delays.Count / 2], delays[(int)(delays.Count * 0.95)], delays[^1]);
    }

    /// <summary>Instances of the bench definition with timers at the given due times, spread over them; returns the timers' ids.</summary>
    private static List<long> Seed(DatabaseOptions options, Verwerving.Documents.RuntimeFactory runtimes, List<DateTime> due, bool fresh = true)
    {
        using var db = options.OpenMigrated();
        List<long> instances;
        if (fresh)
        {
            db.Regions.Add(new Region("ZK", "Zuid-Kennemerland", RegionKind.Region));
            db.Users.Add(new User("contractmanager", "Contractmanager", [Roles.ContractManager], "ZK"));
            db.SaveChanges();
            var runtime = runtimes.For(db);
            var user = runtime.RequireUser("contractmanager");
            instances = Enumerable.Range(0, Instances).Select(i => runtime.Start("bench-timers", $"BENCH-{i:0000}", user).Id).ToList();
        }
        else instances = db.Set<WorkflowInstance>().Select(i => i.Id).OrderBy(i => i).ToList();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var timers = due.Select((d, i) => new WorkflowTimer(instances[i % instances.Count], "loopt", "tik", d, null)).ToList();
        using (var tx = db.Database.BeginTransaction())
        {
            db.AddRange(timers);
            db.SaveChanges();
            tx.Commit();
        }
        return timers.Select(t => t.Id).ToList();
    }
}
