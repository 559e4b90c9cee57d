using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Verwerving.Domain;
using Verwerving.Tests.Concurrency;
using Verwerving.Workflows;

namespace Verwerving.Tests.Workflows;

/// <summary>
/// Real processes of our own program on one database, on the system clock: serve fires a timer whose time comes while it runs,
/// also across a restart; three workers fire 500 due timers exactly once; a worker killed with SIGKILL while holding claims
/// leaves them to another node once its lease lapses.
/// </summary>
public abstract class MultiNodeTests(string provider)
{
    private const int Instances = 50;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(180);

    [Fact]
    public void Serve_FiresATimerThatFallsDueWhileItRuns_AndARestartLosesNothing()
    {
        using var h = new WorkflowHarness(provider, null, TimerWorkflows.Folder());
        var first = h.Start("timertest", "T-SERVE-1");
        var second = h.Start("timertest", "T-SERVE-2");
        var firstTimer = TimerWorkerTests.PendingTimer(h, first).Id;
        var secondTimer = TimerWorkerTests.PendingTimer(h, second).Id;
        using (var serve = NodeProcess.Start(h, null, "serve", "--urls", "http://127.0.0.1:0", "--interval", "0.2", "--node", "web-1"))
        {
            serve.Url(TimeSpan.FromSeconds(60));
            TimerWorkerTests.MakeDue(h, firstTimer, DateTime.UtcNow.AddSeconds(3));
            Thread.Sleep(1000);
            Assert.Equal(TimerStatus.Pending, Status(h, firstTimer)); // its time has not come yet
            NodeProcess.Until(() => Status(h, firstTimer) == TimerStatus.Fired, TimeSpan.FromSeconds(60), () => "serve vuurde de timer niet af:\n" + serve.Output);
            Assert.Equal("gepland", h.Show(first).State);
            // The second falls due while serve is down: stop it hard, let the time pass, start again.
            TimerWorkerTests.MakeDue(h, secondTimer, DateTime.UtcNow.AddSeconds(2));
            serve.KillHard();
        }
        Thread.Sleep(2500);
        Assert.Equal(TimerStatus.Pending, Status(h, secondTimer));
        using (var again = NodeProcess.Start(h, null, "serve", "--urls", "http://127.0.0.1:0", "--interval", "0.2", "--node", "web-2"))
        {
            again.Url(TimeSpan.FromSeconds(60));
            NodeProcess.Until(() => Status(h, secondTimer) == TimerStatus.Fired, TimeSpan.FromSeconds(60), () => "na de herstart ging de timer niet af:\n" + again.Output);
        }
        using var db = h.Read();
        Assert.Equal(("web-1", "web-2"), (FiredBy(db, firstTimer), FiredBy(db, secondTimer)));
        Assert.Equal(2, db.AuditEntries.Count(a => a.Action == "workflow.transitie" && a.Actor == Roles.System));
        Assert.True(h.AuditChainIntact());
    }

    [Fact]
    public void ThreeWorkers_FireFiveHundredDueTimers_EachExactlyOnce()
    {
        using var h = Prepare(out var timers);
        var watch = Stopwatch.StartNew();
        var workers = Enumerable.Range(1, 3).Select(i => NodeProcess.Start(h, null, "worker", "--node", $"w{i}", "--interval", "0.2", "--batch", "10", "--lease", "30")).ToList();
        try
        {
            NodeProcess.Until(() => Count(h, TimerStatus.Fired) == timers, Patience,
                () => $"{Count(h, TimerStatus.Fired)} van {timers} afgevuurd:\n" + string.Join("\n---\n", workers.Select(w => w.Output)));
        }
        finally { workers.ForEach(w => w.Dispose()); }
        var elapsed = watch.Elapsed;

        var (transitions, distinct, byNode) = Census(h);
        Assert.Equal((timers, timers), (transitions, distinct)); // every timer once: no duplicate, none lost
        Assert.Equal(0, Count(h, TimerStatus.Pending));
        Assert.True(h.AuditChainIntact());
        using (var db = h.Read())
        {
            // The anchor, written once per group of timers, names the chain's real head.
            var check = Verwerving.Persistence.AuditVerification.Verify(db);
            Assert.True(check.Intact, string.Join("; ", check.Problems));
            Assert.Equal(Verwerving.Persistence.AuditVerification.Head(db), check.Anchor);
        }
        Assert.All(byNode.Keys, n => Assert.Contains(n, new[] { "w1", "w2", "w3" }));
        Figures.Report($"timers {provider}: 3 werkers vuurden {timers} timers af in {elapsed.TotalSeconds:0.0} s (per werker {string.Join(", ", byNode.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value}"))})");
    }

    [Fact]
    public void KilledWorker_ItsClaimsAreFiredByAnotherNode_AfterTheLease()
    {
        using var h = Prepare(out var timers);
        const int lease = 8;
        List<(long Id, DateTime LeaseUntil)> held;
        using (var a = NodeProcess.Start(h, null, "worker", "--node", "a", "--interval", "0.2", "--batch", "200", "--lease", lease.ToString()))
        {
            NodeProcess.Until(() => Count(h, TimerStatus.Fired) > 0, Patience, () => "werker a vuurde niets af:\n" + a.Output);
            a.KillHard(); // kill -9 in the middle of its batch
        }
        using (var db = h.Read())
            held = db.Set<WorkflowTimer>().AsNoTracking().Where(t => t.Status == TimerStatus.Pending && t.ClaimedBy == "a")
                .Select(t => new { t.Id, t.LeaseUntil }).ToList().Select(t => (t.Id, t.LeaseUntil!.Value)).ToList();
        Assert.True(held.Count > 0, "werker a had zijn claims al afgewerkt voor hij werd gestopt; vergroot --batch");

        var others = new[] { "b", "c" }.Select(n => NodeProcess.Start(h, null, "worker", "--node", n, "--interval", "0.2", "--batch", "25", "--lease", lease.ToString())).ToList();
        try
        {
            NodeProcess.Until(() => Count(h, TimerStatus.Fired) == timers, Patience,
                () => $"{Count(h, TimerStatus.Fired)} van {timers} afgevuurd:\n" + string.Join("\n---\n", others.Select(w => w.Output)));
        }
        finally { others.ForEach(w => w.Dispose()); }

        var (transitions, distinct, _) = Census(h);
        Assert.Equal((timers, timers), (transitions, distinct));
        Assert.True(h.AuditChainIntact());
        using var check = h.Read();
        var ids = held.Select(x => x.Id).ToList();
        var fired = check.Set<WorkflowTimer>().AsNoTracking().Where(t => ids.Contains(t.Id)).ToDictionary(t => t.Id);
        foreach (var (id, until) in held)
        {
            Assert.Contains(fired[id].FiredBy, new[] { "b", "c" });
            Assert.True(fired[id].FiredAt >= until, $"timer {id} ging af op {fired[id].FiredAt:O}, voor het einde van de claim van a ({until:O})");
        }
        Figures.Report($"timers {provider}: na kill -9 van een werker met {held.Count} claims vuurden twee andere werkers ze af na de lease van {lease} s");
    }

    /// <summary>50 instances with ten timers each, all due now.</summary>
    private WorkflowHarness Prepare(out int timers)
    {
        var h = new WorkflowHarness(provider, null, TimerWorkflows.Folder(TenTimers));
        for (var i = 0; i < Instances; i++) h.Start("tiktest", $"TIK-{i:00}");
        timers = Count(h, TimerStatus.Pending);
        Assert.Equal(Instances * 10, timers);
        return h;
    }

    private static (int Transitions, int DistinctTimers, Dictionary<string, int> ByNode) Census(WorkflowHarness h)
    {
        using var db = h.Read();
        var details = db.AuditEntries.AsNoTracking().Where(a => a.Action == "workflow.transitie" && a.Actor == Roles.System).Select(a => a.DetailsJson).ToList();
        var distinct = details.Select(d => (long?)JsonNode.Parse(d)!["timer"]).Where(t => t is not null).Distinct().Count();
        var byNode = db.Set<WorkflowTimer>().AsNoTracking().Where(t => t.Status == TimerStatus.Fired).GroupBy(t => t.FiredBy!)
            .Select(g => new { g.Key, N = g.Count() }).ToDictionary(x => x.Key, x => x.N);
        return (details.Count, distinct, byNode);
    }

    private static int Count(WorkflowHarness h, TimerStatus status)
    {
        using var db = h.Read();
        return db.Set<WorkflowTimer>().Count(t => t.Status == status);
    }

    private static TimerStatus Status(WorkflowHarness h, long timer)
    {
        using var db = h.Read();
        return db.Set<WorkflowTimer>().AsNoTracking().Single(t => t.Id == timer).Status;
    }

    private static string? FiredBy(Verwerving.Persistence.VerwervingDb db, long timer) => db.Set<WorkflowTimer>().AsNoTracking().Single(t => t.Id == timer).FiredBy;

    internal static readonly string TenTimers = $$"""
        id: tiktest
        version: 1
        title: Tien timers tegelijk
        data:
          regios: ZK
        states:
          - id: loopt
            initial: true
            title: Loopt
            timers:
        {{string.Join("\n", Enumerable.Range(1, 10).Select(i => $"      - {{ after: 0d, trigger: tik-{i} }}"))}}
          - id: klaar
            title: Klaar
            final: true
        triggers:
        {{string.Join("\n", Enumerable.Range(1, 10).Select(i => $"  - {{ id: tik-{i}, title: Tik {i}, from: loopt, internal: true, roles: [systeem] }}"))}}
          - { id: stoppen, title: Stoppen, from: loopt, to: klaar, roles: [contractmanager] }
        """;
}

[Collection("Processen")]
public sealed class SqliteMultiNodeTests() : MultiNodeTests("sqlite");

[Trait("Category", "Postgres"), Collection("Processen")]
public sealed class PostgresMultiNodeTests() : MultiNodeTests("postgres");

/// <summary>Process tests run alone: beside the rest of the suite, two cores would stretch their timings past reason.</summary>
[CollectionDefinition("Processen", DisableParallelization = true)]
public sealed class ProcessCollection;

/// <summary>
/// Two serve nodes behind one address on one PostgreSQL database, as the README sets them up: with the same data-protection keys
/// a sign-in on one node holds on the other, forms included; a node with other keys does not accept the cookie.
/// </summary>
[Trait("Category", "Postgres"), Collection("Processen")]
public sealed class TwoServeNodesTests
{
    private const string Password = "Twee-nodes-wachtwoord-1";

    [Fact]
    public async Task ASignInOnOneNode_HoldsOnTheOther_WithSharedKeys()
    {
        using var h = new WorkflowHarness("postgres", null, TimerWorkflows.Folder());
        using (var db = h.Open())
        {
            Verwerving.Web.LocalAccounts.SetPassword(db.Users.Single(u => u.Login == "contractmanager"), Password);
            db.SaveChanges();
        }
        var id = h.Start("datumtest", "D-NODES");
        var keys = Directory.CreateTempSubdirectory("verwerving-keys-").FullName;
        using var a = NodeProcess.Start(h, keys, "serve", "--urls", "http://127.0.0.1:0", "--node", "web-a");
        using var b = NodeProcess.Start(h, keys, "serve", "--urls", "http://127.0.0.1:0", "--no-worker");
        using var other = NodeProcess.Start(h, Directory.CreateTempSubdirectory("verwerving-keys-").FullName, "serve", "--urls", "http://127.0.0.1:0", "--no-worker");
        var (urlA, urlB, urlOther) = (a.Url(TimeSpan.FromSeconds(90)), b.Url(TimeSpan.FromSeconds(90)), other.Url(TimeSpan.FromSeconds(90)));

        // Cookies belong to the host, not the port: one browser, three nodes.
        var jar = new System.Net.CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = jar, AllowAutoRedirect = false });
        var signIn = await Verwerving.Tests.Web.WebServer.PostForm(browser, urlA + "/aanmelden", new() { ["Login"] = "contractmanager", ["Password"] = Password });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, signIn.StatusCode);

        var inboxOnB = await browser.GetAsync(urlB + "/inbox");
        Assert.Equal(System.Net.HttpStatusCode.OK, inboxOnB.StatusCode);
        var fired = await Verwerving.Tests.Web.WebServer.PostForm(browser, urlB + $"/instanties/{id}?handler=Fire",
            new() { ["trigger"] = "startdatum-zetten", ["key"] = Guid.NewGuid().ToString("N"), ["p.datum"] = "2026-03-02" }, urlB + $"/instanties/{id}");
        Assert.Equal(System.Net.HttpStatusCode.OK, fired.StatusCode);
        Assert.Equal("2026-03-02", h.Show(id).Data["startdatum"]);

        var elsewhere = await browser.GetAsync(urlOther + "/inbox");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, elsewhere.StatusCode); // other keys: the cookie means nothing there
        Assert.Contains("/aanmelden", elsewhere.Headers.Location!.ToString());
    }
}

/// <summary>The README's first command: `demo --serve` makes the demo and serves it, its timer worker included.</summary>
[Collection("Processen")]
public sealed class DemoServeTests
{
    [Fact]
    public async Task DemoServe_ServesTheDemo_WithItsTimerWorker()
    {
        using var h = new WorkflowHarness("sqlite", null);
        using var demo = NodeProcess.Start(h, null, "demo", "--serve", "--urls", "http://127.0.0.1:0");
        var url = demo.Url(TimeSpan.FromSeconds(240));
        using var client = new HttpClient();
        var page = await client.GetAsync(url + "/aanmelden");
        Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
        demo.WaitFor("Timerwerker", TimeSpan.FromSeconds(30));
        Assert.DoesNotContain("Fout:", demo.Output);
    }
}
