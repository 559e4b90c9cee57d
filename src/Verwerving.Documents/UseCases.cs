using Microsoft.EntityFrameworkCore;
using Verwerving.Domain;
using Verwerving.Import;
using Verwerving.Persistence;
using Verwerving.Privacy;
using Verwerving.Rules;
using Verwerving.Workflows;

namespace Verwerving.Documents;

/// <summary>Which findings to show: status, rule set, severity, and a subject with what hangs under it.</summary>
public sealed record FindingQuery(string Status = "open", string? Set = null, string? Severity = null, string? Subject = null);

/// <summary>A check and the escalations its new continuity signals started.</summary>
public sealed record CheckOutcome(CheckResult Result, IReadOnlyList<string> Escalations);

/// <summary>
/// What a person or the system does, the same from the command line, the pages and the JSON API: start a workflow, fire a
/// step, handle a task, check the facts (with the escalations that follows from it), set award criteria, and read
/// findings. Rights on the step are judged by the runtime (roles, mandate, task holder); the pages add only what a
/// viewer may see.
/// </summary>
public sealed class UseCases(VerwervingDb db, RuntimeFactory runtimes)
{
    private WorkflowRuntime? _runtime;

    public WorkflowRuntime Runtime => _runtime ??= runtimes.For(db);

    public WorkflowInstance Start(string definition, string subject, User user, IReadOnlyDictionary<string, string>? data = null) =>
        Runtime.Start(definition, subject, user, data);

    public FireResult Fire(long instance, string trigger, User user, IReadOnlyDictionary<string, string>? parameters = null, string? key = null) =>
        Runtime.Fire(instance, trigger, user, parameters, key);

    public FireResult CompleteTask(long task, string outcome, User user, string? reason, string? key, IReadOnlyDictionary<string, string>? values = null) =>
        Runtime.CompleteTask(task, outcome, user, reason, key, values);

    /// <summary>Judges the facts in <paramref name="scope"/>, records the findings, and starts an escalation for each new continuity signal.</summary>
    public CheckOutcome Check(CheckScope scope, string actor)
    {
        var clock = DatabaseClock.Load(db);
        var result = FindingLedger.Check(db, runtimes.Norms(), scope, clock.UtcNow, actor);
        db.ChangeTracker.Clear();
        return new CheckOutcome(result, Escalation.StartFor(db, Runtime, result.Opened));
    }

    public CheckResult SetCriteria(string tender, IReadOnlyDictionary<string, int> weights, User user) =>
        TenderCriteria.Set(db, runtimes.Norms(), tender, weights, user, DatabaseClock.Load(db).UtcNow);

    /// <summary>The one findings filter: a subject matches itself and what hangs under it ("ZKIJ-2026-01" and "ZKIJ-2026-01/ronde-1").</summary>
    public static IQueryable<Finding> Filter(IQueryable<Finding> findings, FindingQuery query)
    {
        var q = query.Status switch
        {
            "open" => findings.Where(f => f.Status == FindingStatus.Open),
            "closed" => findings.Where(f => f.Status == FindingStatus.Closed),
            "all" => findings,
            var s => throw new InputException($"Status '{s}': kies open, closed of all."),
        };
        if (query.Set is { Length: > 0 } set) q = q.Where(f => f.RuleSet == set);
        if (query.Severity is { Length: > 0 } sv)
        {
            if (!Enum.TryParse<Severity>(sv, true, out var level)) throw new InputException($"Zwaarte '{sv}': kies blocking, violation, warning of signal.");
            q = q.Where(f => f.Severity == level);
        }
        if (query.Subject is { Length: > 0 } key) q = q.Where(f => f.SubjectKey == key || f.SubjectKey.StartsWith(key + "/"));
        return q;
    }

    public IQueryable<Finding> Findings(FindingQuery query) => Filter(db.Findings.AsNoTracking(), query);

    public static readonly IReadOnlyList<string> ImportKinds = ["ijw", "referrals", "quality", "budgets"];

    /// <summary>
    /// Imports files read as streams (an upload, or a file from disk), each whole or not at all: one refused file gets its own
    /// answer and does not hide what the others did. iJw messages go through their batch importer.
    /// </summary>
    public IReadOnlyList<ImportReport> Import(string kind, IReadOnlyList<CsvSource> files, IjwOptions? ijw = null)
    {
        if (files.Count == 0) throw new InputException("Kies ten minste één bestand.");
        var pseudonymizer = Pseudonymizer.FromConfiguration();
        var clock = DatabaseClock.Load(db);
        if (kind == "ijw")
            return new IjwImporter(db, pseudonymizer, LotMapping.Load(), clock, ijw?.Schemas, ijw?.RegisterUnknown ?? false)
                .ImportBatch(files.Select(f => (Path.GetFileName(f.Name), (Func<byte[]?>)(() => IjwImporter.ReadBounded(f)))));
        var importer = new CsvImporter(db, pseudonymizer, clock);
        Func<CsvSource, ImportReport> run = kind switch
        {
            "referrals" => importer.Referrals,
            "quality" => importer.Quality,
            "budgets" => importer.Budgets,
            _ => throw new InputException($"Onbekend soort import '{kind}' (kies {string.Join(", ", ImportKinds)})."),
        };
        return files.Select(f =>
        {
            try { return run(f); }
            catch (InputException ex)
            {
                db.ChangeTracker.Clear();
                // A BSN in a file name must not reach the answer.
                return new ImportReport(Pseudonymizer.MaskBsns(Path.GetFileName(f.Name)), ImportStatus.Refused, CsvImporter.Kinds[kind], 0, ex.Message);
            }
        }).ToList();
    }
}

/// <summary>How iJw messages are read: validated against the schemas in a folder, and whether unknown providers and municipalities are registered.</summary>
public sealed record IjwOptions(IjwSchemas? Schemas, bool RegisterUnknown);
