using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Verwerving.Persistence;
using Verwerving.Tests.Workflows;
using Verwerving.Workflows;

namespace Verwerving.Tests.Concurrency;

/// <summary>
/// Eight writers at once, 50 writes each, on distinct instances and on one shared instance: no write fails, none is
/// lost or applied twice, and the audit chain stays one intact chain. Retries with the same key are answered once.
/// </summary>
public abstract class ConcurrentWriteTests : IDisposable
{
    private const int Writers = 8;
    private const int WritesEach = 50;
    private const string Definition = """
        id: teller
        version: 1
        title: Teller
        data:
          teller: 0
        states:
          - { id: open, initial: true, title: Open }
          - { id: klaar, final: true, title: Klaar }
        triggers:
          - { id: tellen, title: Tellen, from: open, to: open, roles: [contractmanager], increment: teller }
          - { id: sluiten, title: Sluiten, from: open, to: klaar, roles: [contractmanager] }
        """;

    private readonly string _provider;
    private readonly string _folder = Directory.CreateTempSubdirectory("verwerving-teller-").FullName;
    private readonly WorkflowHarness _harness;

    protected ConcurrentWriteTests(string provider)
    {
        _provider = provider;
        File.WriteAllText(Path.Combine(_folder, "teller.yaml"), Definition);
        _harness = new WorkflowHarness(provider, new DateTime(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc), _folder);
    }

    public void Dispose()
    {
        _harness.Dispose();
        Directory.Delete(_folder, true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Runs the writers on their own connections at the same moment; returns the failures and the elapsed time.</summary>
    private (List<Exception> Failures, TimeSpan Elapsed) Write(Func<int, long> instanceOf)
    {
        var failures = new System.Collections.Concurrent.ConcurrentBag<Exception>();
        using var start = new Barrier(Writers);
        var clock = Stopwatch.StartNew();
        var threads = Enumerable.Range(0, Writers).Select(w => new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < WritesEach; i++)
            {
                try { _harness.Fire(instanceOf(w), "tellen", "contractmanager"); }
                catch (Exception ex) { failures.Add(ex); }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        return ([.. failures], clock.Elapsed);
    }

    private int Counter(long id) => int.Parse(_harness.Show(id).Data["teller"], System.Globalization.CultureInfo.InvariantCulture);

    private int Transitions(long id)
    {
        using var db = _harness.Open();
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return db.AuditEntries.AsNoTracking().Count(a => a.Action == "workflow.transitie" && a.SubjectType == "WorkflowInstance" && a.SubjectKey == key);
    }

    private void AssertChainIntact()
    {
        using var db = _harness.Open();
        var check = AuditVerification.Verify(db);
        Assert.True(check.Intact, string.Join("; ", check.Problems));
    }

    [Fact]
    public void DistinctInstances_NoWriteFails_NoneIsLost()
    {
        var ids = Enumerable.Range(0, Writers).Select(w => _harness.Start("teller", $"T-{w}")).ToList();
        var (failures, elapsed) = Write(w => ids[w]);
        Assert.Empty(failures.Select(f => f.GetType().Name + ": " + f.Message));
        Assert.All(ids, id => Assert.Equal(WritesEach, Counter(id)));
        Assert.All(ids, id => Assert.Equal(WritesEach, Transitions(id)));
        AssertChainIntact();
        Figures.Report($"gelijktijdig ({_provider}, verschillende instanties): {Writers}×{WritesEach} schrijfacties, 0 mislukt, 0 verloren, "
            + $"{Writers * WritesEach / elapsed.TotalSeconds:0} per seconde, keten intact");
    }

    [Fact]
    public void SharedInstance_NoUpdateIsLost_NoneAppliedTwice()
    {
        var id = _harness.Start("teller", "T-gedeeld");
        var (failures, elapsed) = Write(_ => id);
        // A real conflict may be refused as 'gelijktijdig gewijzigd'; it must never be lost or counted twice.
        Assert.All(failures, f => Assert.True(f is DbUpdateConcurrencyException || DatabaseOptions.IsConflict(f), f.ToString()));
        var succeeded = Writers * WritesEach - failures.Count;
        Assert.Equal(succeeded, Counter(id));
        Assert.Equal(succeeded, Transitions(id));
        AssertChainIntact();
        Figures.Report($"gelijktijdig ({_provider}, één gedeelde instantie): {Writers}×{WritesEach} schrijfacties, {failures.Count} geweigerd als gelijktijdig, "
            + $"0 verloren, 0 dubbel, {succeeded / elapsed.TotalSeconds:0} per seconde, keten intact");
    }

    /// <summary>Eight processes of our own program, each firing on its own instance and then all on one, at the same moment.</summary>
    [Fact]
    public void EightProcesses_FireAtOnce_OnDistinctAndOnOneInstance_WithoutAFailure()
    {
        var ids = Enumerable.Range(0, Writers).Select(w => _harness.Start("teller", $"P-{w}")).ToList();
        var shared = _harness.Start("teller", "P-gedeeld");
        var clock = Stopwatch.StartNew();
        var id = shared.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // Three rounds of eight processes that start together: distinct instances, one shared instance, one shared key.
        var codes = RunAll(ids.Select(i => new[] { "instances", "fire", i.ToString(System.Globalization.CultureInfo.InvariantCulture), "tellen", "--as", "contractmanager" }))
            .Concat(RunAll(ids.Select(_ => new[] { "instances", "fire", id, "tellen", "--as", "contractmanager" })))
            .Concat(RunAll(ids.Select(_ => new[] { "instances", "fire", id, "tellen", "--as", "contractmanager", "--key", "proces-1" }))).ToList();
        Assert.All(codes, c => Assert.True(c.Code == 0, c.Output));
        Assert.Equal(Writers - 1, codes.Count(c => c.Output.Contains("Al verwerkt", StringComparison.Ordinal)));
        Assert.All(ids, id => Assert.Equal(1, Counter(id)));
        Assert.Equal(Writers + 1, Counter(shared));
        AssertChainIntact();
        Figures.Report($"gelijktijdig ({_provider}, 3 × {Writers} processen tegelijk): 0 mislukt, {Writers - 1}× 'al verwerkt' bij één sleutel, keten intact ({clock.Elapsed.TotalSeconds:0.0} s)");
    }

    private List<(int Code, string Output)> RunAll(IEnumerable<string[]> commands)
    {
        var processes = commands.Select(args =>
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "verwerving.dll"));
            foreach (var a in args) start.ArgumentList.Add(a);
            foreach (var a in _harness.Options.IsPostgres ? ["--connection", _harness.Options.PostgresConnection!] : new[] { "--db", _harness.Options.SqlitePath! })
                start.ArgumentList.Add(a);
            start.ArgumentList.Add("--workflows");
            start.ArgumentList.Add(_folder);
            start.Environment["VERWERVING_HOME"] = Path.GetDirectoryName(WorkflowHarness.RepositoryWorkflows);
            return Process.Start(start)!;
        }).ToList();
        var results = processes.Select(p =>
        {
            var output = p.StandardOutput.ReadToEndAsync();
            var error = p.StandardError.ReadToEndAsync();
            p.WaitForExit();
            return (p.ExitCode, output.Result + error.Result);
        }).ToList();
        processes.ForEach(p => p.Dispose());
        return results;
    }

    [Fact]
    public void RetriesWithTheSameKey_AreAnsweredAlreadyDone_AndApplyOnce()
    {
        var id = _harness.Start("teller", "T-sleutel");
        var results = new System.Collections.Concurrent.ConcurrentBag<FireResult>();
        var failures = new System.Collections.Concurrent.ConcurrentBag<Exception>();
        using var start = new Barrier(Writers);
        var threads = Enumerable.Range(0, Writers).Select(_ => new Thread(() =>
        {
            start.SignalAndWait();
            try { results.Add(_harness.Run(r => r.Fire(id, "tellen", r.RequireUser("contractmanager"), null, "opdracht-1"))); }
            catch (Exception ex) { failures.Add(ex); }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.Empty(failures.Select(f => f.Message));
        Assert.Equal(1, results.Count(r => r.Transitioned));
        Assert.Equal(Writers - 1, results.Count(r => r.Repeated && r.Message.Contains("Al verwerkt", StringComparison.Ordinal)));
        Assert.Equal(1, Counter(id));
        AssertChainIntact();
        Figures.Report($"gelijktijdig ({_provider}, {Writers} herhalingen met één sleutel): 1 keer uitgevoerd, {Writers - 1} keer 'al verwerkt', 0 fouten");
    }
}

/// <summary>The concurrency tests do not run beside each other: each measures its own writers.</summary>
[CollectionDefinition("Gelijktijdig", DisableParallelization = true)]
public sealed class ConcurrencyCollection;

[Trait("Category", "Postgres"), Collection("Gelijktijdig")]
public sealed class PostgresConcurrentWriteTests() : ConcurrentWriteTests("postgres");

[Collection("Gelijktijdig")]
public sealed class SqliteConcurrentWriteTests() : ConcurrentWriteTests("sqlite");
