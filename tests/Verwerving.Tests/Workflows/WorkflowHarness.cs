using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Verwerving.Domain;
using Verwerving.Persistence;
using Verwerving.Tests.Persistence;
using Verwerving.Workflows;

namespace Verwerving.Tests.Workflows;

/// <summary>A database with the demo's users and a simulated clock, and the repository's workflow definitions.</summary>
public sealed class WorkflowHarness : IDisposable
{
    public static readonly string RepositoryWorkflows = FindWorkflows();

    private readonly TestDatabase _database;

    /// <param name="start">Simulated time from this moment; null: the database runs on the system clock.</param>
    public WorkflowHarness(string provider, DateTime? start, string? workflowsFolder = null)
    {
        _database = TestDatabase.Create(provider);
        Folder = workflowsFolder ?? RepositoryWorkflows;
        using var db = Open();
        db.Regions.AddRange(new Region("ZKIJ", "Boven", RegionKind.SupraRegional), new Region("ZK", "Zuid-Kennemerland", RegionKind.Region, "ZKIJ"),
            new Region("IJM", "IJmond", RegionKind.Region, "ZKIJ"));
        db.Users.AddRange(
            new User("contractmanager", "Contractmanager", [Roles.ContractManager], "ZK"),
            new User("controller", "Controller", [Roles.Controller], "ZK"),
            new User("ambtenaar", "Ambtelijk werkgroeplid", [Roles.Official], "ZK"),
            new User("kernteam", "Kernteam", [Roles.CoreTeam], "ZKIJ"),
            new User("wethouder.zk", "Wethouder Zuid-Kennemerland", [Roles.Alderman], "ZK"),
            new User("wethouder.ijmond", "Wethouder IJmond", [Roles.Alderman], "IJM"));
        db.SaveChanges();
        // The registers a workflow binds to and checks its parameters against: municipalities, providers, lots.
        db.Municipalities.AddRange(Verwerving.Demo.DemoCase.Municipalities());
        db.Providers.AddRange(Verwerving.Demo.DemoCase.Providers.Select(p => new Provider(p.Agb, p.Name)));
        db.Lots.AddRange(Verwerving.Demo.DemoCase.Lots.Select(l => new Lot(l.Code, l.Name, l.Category)));
        db.SaveChanges();
        if (start is { } at)
        {
            DatabaseClock.StartSimulated(db, new DateTimeOffset(at, TimeSpan.Zero));
            db.SaveChanges();
        }
    }

    public string Folder { get; }

    /// <summary>A tender in preparation, with its lot and published award criteria, as the register holds it before its workflow starts.</summary>
    public string Tender(string reference, string lot = "JB-JR", params (string Name, int Weight)[] criteria)
    {
        using var db = Open();
        var tender = new Tender(reference, "Jeugdbescherming en jeugdreclassering 2027–2035", "ZKIJ");
        tender.AddLot(lot, 40_000_000_00);
        (string Name, int Weight)[] published = criteria.Length > 0 ? criteria : [("kwaliteit", 60), ("prijs", 30), ("samenwerking", 10)];
        tender.SetAwardCriteria(published.ToDictionary(c => c.Name, c => c.Weight));
        db.Tenders.Add(tender);
        db.SaveChanges();
        return reference;
    }

    /// <summary>The tender as the register holds it now, with everything under it.</summary>
    public Tender TenderRecord(string reference)
    {
        using var db = Read();
        return db.Tenders.AsNoTracking().Include(t => t.Candidates).Include(t => t.Rounds).Include(t => t.Adoptions).Include(t => t.Bids).Include(t => t.Lots)
            .AsSplitQuery().Single(t => t.Reference == reference);
    }

    public List<Agreement> AgreementsOf(string tenderReference)
    {
        using var db = Read();
        var id = db.Tenders.Single(t => t.Reference == tenderReference).Id;
        return [.. db.Agreements.AsNoTracking().Include(a => a.Ceilings).Where(a => a.TenderId == id).OrderBy(a => a.Reference)];
    }

    public Decision DecisionRecord(string reference)
    {
        using var db = Read();
        return db.Decisions.AsNoTracking().Include(d => d.Approvals).Single(d => d.Reference == reference);
    }

    public Evaluation EvaluationRecord(string key)
    {
        using var db = Read();
        return db.Evaluations.AsNoTracking().Single(e => e.Key == key);
    }

    public Agreement AgreementRecord(string reference)
    {
        using var db = Read();
        return db.Agreements.AsNoTracking().Include(a => a.Ceilings).Include(a => a.Amendments).Single(a => a.Reference == reference);
    }

    /// <summary>Runs the rules as `check` does, from <paramref name="from"/> to today, and returns the standing findings of one rule.</summary>
    public List<Finding> Check(string rule, DateOnly? from = null)
    {
        using var db = Open();
        var now = DatabaseClock.Load(db).UtcNow;
        var result = Verwerving.Rules.FindingLedger.Check(db, Verwerving.Rules.NormBook.Load(),
            new Verwerving.Rules.CheckScope(from ?? new DateOnly(2023, 1, 1), WorkCalendar.DateOf(now)), now, Roles.System);
        return result.Standing.Where(f => f.RuleId == rule).ToList();
    }

    public void AppointAccountHolder(string agb, string region)
    {
        using var db = Open();
        db.Providers.Single(p => p.AgbCode == agb).AppointAccountHolder(region);
        db.SaveChanges();
    }

    /// <summary>A signed nine-year agreement with a yearly ceiling, as a partnership's subject.</summary>
    public string Agreement(string reference, DateOnly start, string agb = "71000011", string lot = "AMB-OV")
    {
        using var db = Open();
        var provider = db.Providers.Single(p => p.AgbCode == agb);
        var agreement = new Agreement(reference, provider.Id, lot, "ZKIJ", start, start.AddYears(Verwerving.Domain.Agreement.StrategicTermYears).AddDays(-1), true);
        for (var year = start.Year; year < start.Year + Verwerving.Domain.Agreement.StrategicTermYears; year++) agreement.SetCeiling(year, 1_000_000_00);
        agreement.Sign(start.AddMonths(-2));
        db.Agreements.Add(agreement);
        db.SaveChanges();
        return reference;
    }

    /// <summary>The repository's templates, as the CLI uses them.</summary>
    public static readonly Verwerving.Documents.DocumentService Documents =
        new(new Verwerving.Documents.TemplateLibrary(Verwerving.Documents.TemplateLibrary.DefaultFolder()), () => Verwerving.Rules.NormBook.Load());
    public DatabaseOptions Options => _database.Options;

    public VerwervingDb Open(params IInterceptor[] interceptors) => _database.Options.OpenMigrated(interceptors);

    /// <summary>
    /// A connection that only reads: no migration check. On SQLite that check takes EF's migration lock, a row that a process
    /// killed while starting leaves behind for good, and it waits for writers.
    /// </summary>
    public VerwervingDb Read() => _database.Options.Open();

    /// <summary>The runtime as the CLI, the web and the worker compose it, on this harness's definitions.</summary>
    public Verwerving.Documents.RuntimeFactory Runtimes => _runtimes ??= new(new DefinitionCatalog(Folder, Documents.Knows), Documents.Templates,
        () => Verwerving.Rules.NormBook.Load());
    private Verwerving.Documents.RuntimeFactory? _runtimes;

    /// <summary>A fresh unit of work, as each CLI command or web request gets.</summary>
    public T Run<T>(Func<WorkflowRuntime, T> work, params IInterceptor[] interceptors)
    {
        using var db = Open(interceptors);
        return work(Runtimes.For(db));
    }

    /// <summary>A timer worker for this database, as serve and `verwerving worker` run it.</summary>
    public TimerWorker Worker(string node, TimeSpan? lease = null, TimeProvider? wall = null, List<string>? log = null) =>
        new(() => Open(), Runtimes.For, new WorkerOptions(node, lease ?? TimeSpan.FromSeconds(30), 50, TimeSpan.FromMilliseconds(100)),
            line => { lock (this) log?.Add(line); }, wall);

    public FireResult Fire(long id, string trigger, string user, params (string, string)[] parameters) =>
        Run(r => r.Fire(id, trigger, r.RequireUser(user), parameters.ToDictionary(p => p.Item1, p => p.Item2)));

    public RefusedException Refused(long id, string trigger, string user, params (string, string)[] parameters) =>
        Assert.Throws<RefusedException>(() => Fire(id, trigger, user, parameters));

    public long Start(string definition, string subject, string user = "contractmanager", Dictionary<string, string>? data = null) =>
        Run(r => r.Start(definition, subject, r.RequireUser(user), data).Id);

    /// <summary>The documents the instance's steps rendered, oldest first.</summary>
    public List<RenderedDocument> DocumentsOf(long id)
    {
        using var db = Open();
        return [.. db.Documents.AsNoTracking().Where(d => d.InstanceId == id).OrderBy(d => d.Id)];
    }

    public InstanceView Show(long id, string? user = null) => Run(r => r.Show(id, user is null ? null : r.RequireUser(user)));

    public IReadOnlyList<FireResult> Advance(string duration)
    {
        Assert.True(Duration.TryParse(duration, out var d));
        return Run(r => r.AdvanceClock(new DateTimeOffset(r.Calendar.Add(r.Clock.UtcNow, d), TimeSpan.Zero)));
    }

    public DateTime Now => Run(r => r.Clock.UtcNow);

    public bool AuditChainIntact()
    {
        using var db = Read();
        AuditEntry? previous = null;
        foreach (var e in db.AuditEntries.OrderBy(a => a.Sequence).ToList())
        {
            if (!e.IsIntact(previous)) return false;
            previous = e;
        }
        return true;
    }

    public void Dispose() => _database.Dispose();

    private static string FindWorkflows()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Verwerving.sln"))) return Path.Combine(dir.FullName, "workflows");
        throw new InvalidOperationException("workflows/ niet gevonden");
    }
}
