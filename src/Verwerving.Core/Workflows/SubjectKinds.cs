using Microsoft.EntityFrameworkCore;
using Verwerving.Domain;
using Verwerving.Persistence;
using Verwerving.Text;

namespace Verwerving.Workflows;

/// <summary>
/// How an instance binds to its subject's record: starting binds to an existing record (or creates one from the definition's
/// data), and conditions and timers read the record's values as <c>subject.NAAM</c>. The value names live here and in the
/// definitions, nowhere else in code.
/// </summary>
public static class SubjectKinds
{
    public static SubjectKind Parse(string? text) => text switch
    {
        null or "" => SubjectKind.None,
        "aanbesteding" => SubjectKind.Tender,
        "besluit" => SubjectKind.Decision,
        "overeenkomst" => SubjectKind.Agreement,
        "aanbieder" => SubjectKind.Provider,
        "evaluatie" => SubjectKind.Evaluation,
        _ => (SubjectKind)(-1),
    };

    public const string Known = "aanbesteding, besluit, overeenkomst, aanbieder, evaluatie";

    public static string Dutch(SubjectKind kind) => kind switch
    {
        SubjectKind.Tender => "aanbesteding", SubjectKind.Decision => "besluit", SubjectKind.Agreement => "overeenkomst",
        SubjectKind.Provider => "aanbieder", SubjectKind.Evaluation => "evaluatie", _ => "geen",
    };

    /// <summary>The values a condition or timer may read as <c>subject.NAAM</c>.</summary>
    public static IReadOnlyList<string> ValueNames(SubjectKind kind) => kind switch
    {
        SubjectKind.Tender => ["gegadigden", "rondes", "inschrijvingen", "raden-vastgesteld", "verzonden"],
        SubjectKind.Agreement => ["ingangsdatum", "einddatum"],
        SubjectKind.Decision => ["raadspositie"],
        SubjectKind.Evaluation => ["ronde", "voorstel", "besluit"],
        _ => [],
    };

    /// <summary>The collections an on-entry <c>start</c> may run over with <c>each:</c>.</summary>
    public static IReadOnlyList<string> CollectionNames(SubjectKind kind) => kind == SubjectKind.Tender ? ["overeenkomsten"] : [];

    /// <summary>The record a subject key names: a workflow under a record (an evaluation of an agreement) has the record's key, '/' and its own part.</summary>
    public static string RecordKey(string subjectKey) => subjectKey.Split('/')[0];

    public static IReadOnlyDictionary<string, Value> Values(VerwervingDb db, SubjectKind kind, string subjectKey)
    {
        var key = RecordKey(subjectKey);
        var values = new Dictionary<string, Value>(StringComparer.Ordinal);
        switch (kind)
        {
            case SubjectKind.Tender when db.Tenders.AsNoTracking().Include(t => t.Candidates).Include(t => t.Rounds).Include(t => t.Adoptions).Include(t => t.Bids)
                .AsSplitQuery().FirstOrDefault(t => t.Reference == key) is { } t:
                values["gegadigden"] = new(t.AdmittedCandidates);
                values["rondes"] = new(t.Rounds.Count);
                values["inschrijvingen"] = new(t.Bids.Count);
                values["raden-vastgesteld"] = new(t.Adoptions.Count);
                values["verzonden"] = t.AwardDecisionSentOn is { } sent ? new(sent) : Value.Null;
                break;
            case SubjectKind.Agreement when db.Agreements.AsNoTracking().FirstOrDefault(a => a.Reference == key) is { } a:
                values["ingangsdatum"] = new(a.Start);
                values["einddatum"] = new(a.End);
                break;
            case SubjectKind.Decision when db.Decisions.AsNoTracking().FirstOrDefault(d => d.Reference == key) is { } d:
                values["raadspositie"] = new(d.TouchesCouncils);
                break;
            case SubjectKind.Evaluation when db.Evaluations.AsNoTracking().FirstOrDefault(e => e.Key == subjectKey) is { } e:
                values["ronde"] = new(e.Round);
                values["voorstel"] = e.Proposed is { } proposed ? new(EvaluationOutcomes.Word(proposed)) : Value.Null;
                values["besluit"] = e.Outcome is { } outcome ? new(EvaluationOutcomes.Word(outcome)) : Value.Null;
                break;
        }
        return values;
    }

    public static IReadOnlyList<string> Collection(VerwervingDb db, SubjectKind kind, string key, string name)
    {
        if (kind != SubjectKind.Tender || name != "overeenkomsten") return [];
        var id = db.Tenders.AsNoTracking().Where(t => t.Reference == key).Select(t => t.Id).FirstOrDefault();
        return db.Agreements.AsNoTracking().Where(a => a.TenderId == id).OrderBy(a => a.Reference).Select(a => a.Reference).ToList();
    }

    /// <summary>
    /// Binds a new instance to its record, or creates the record from the data the definition carries (<c>titel</c>,
    /// <c>percelen</c>, <c>voorstel</c>, <c>raadspositie</c>). Refuses a subject whose record has moved past the point where
    /// this kind of workflow begins, so starting never resets a record.
    /// </summary>
    public static void Bind(VerwervingDb db, SubjectKind kind, string key, IReadOnlyDictionary<string, Value> data, IReadOnlyList<string> scope, string actor, DateTime now)
    {
        switch (kind)
        {
            case SubjectKind.Tender:
                if (db.Tenders.AsNoTracking().FirstOrDefault(t => t.Reference == key) is { } tender)
                {
                    if (tender.Phase != TenderPhase.Preparation)
                        throw new DomainException($"Aanbesteding {key} is voorbij de voorbereiding (fase {Nl.TenderPhase(tender.Phase)}); een nieuwe workflow zou haar fase terugzetten.");
                    return;
                }
                var created = new Tender(key, Text(data, "titel") ?? key, RegionOf(db, scope));
                foreach (var lot in (Text(data, "percelen") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    if (!db.Lots.AsNoTracking().Any(l => l.Code == lot)) throw new DomainException($"Perceel {lot} bestaat niet.");
                    created.AddLot(lot, 0);
                }
                db.Tenders.Add(created);
                return;
            case SubjectKind.Decision:
                var decision = db.Decisions.FirstOrDefault(d => d.Reference == key);
                if (decision is { Status: not DecisionStatus.Proposed }) throw new DomainException($"Over besluit {key} is al besloten.");
                if (decision is null)
                {
                    decision = new Decision(key, Text(data, "titel") ?? key, scope, data.GetValueOrDefault("raadspositie").Raw is true, actor, now);
                    db.Decisions.Add(decision);
                }
                // The proposal as the workflow starts on it; a proposal already on record keeps what the data leaves out.
                if (Text(data, "voorstel") is { } proposal) decision.RecordProposal(proposal);
                var amount = data.TryGetValue("bedrag", out var a) && a.Raw is not null && a.ToString() is { Length: > 0 } written ? written : null;
                // As written: "350.000" is three hundred and fifty thousand euros (dots group thousands).
                var euros = amount is null ? null : ParameterValues.ParseEuros(amount);
                if (amount is not null && euros is null) throw new DomainException("'bedrag' is geen bedrag in euro's (3.100.000 of 3.100.000,00).");
                if (amount is not null || Text(data, "opties") is not null || Text(data, "advies") is not null)
                    decision.RecordProposalDetails(euros is { } e ? (long)Math.Round(e * 100) : null, data.GetValueOrDefault("jaar").Number is { } y ? (int)y : null,
                        (Text(data, "opties") ?? "").Split(';'), Text(data, "advies") ?? "");
                return;
            case SubjectKind.Agreement:
                var record = RecordKey(key);
                if (db.Agreements.AsNoTracking().FirstOrDefault(a => a.Reference == record) is not { } agreement) throw new DomainException($"Overeenkomst {record} bestaat niet.");
                if (agreement.EndedOn is { } ended) throw new DomainException($"Overeenkomst {record} is beëindigd op {Nl.Date(ended)}.");
                return;
            case SubjectKind.Evaluation:
                var of = RecordKey(key);
                if (db.Agreements.AsNoTracking().FirstOrDefault(a => a.Reference == of) is not { } evaluated) throw new DomainException($"Overeenkomst {of} bestaat niet.");
                var round = data.GetValueOrDefault("ronde").Number is { } r ? (int)r : 0;
                if (db.Evaluations.FirstOrDefault(e => e.Key == key) is { } existing)
                {
                    if (existing.Outcome is not null) throw new DomainException($"Over de evaluatie na {existing.AfterYears} jaar van {of} is al besloten.");
                    return;
                }
                db.Evaluations.Add(new Evaluation(key, evaluated, round, WorkCalendar.DateOf(now)));
                return;
            case SubjectKind.Provider:
                var agb = RecordKey(key);
                if (!db.Providers.AsNoTracking().Any(p => p.AgbCode == agb)) throw new DomainException($"Er is geen aanbieder met AGB-code {agb}.");
                return;
        }
    }

    private static string? Text(IReadOnlyDictionary<string, Value> data, string field) =>
        data.TryGetValue(field, out var v) && v.Raw is string s && s.Length > 0 ? s : null;

    /// <summary>One region, or the level above the regions in scope (a joint tender).</summary>
    private static string RegionOf(VerwervingDb db, IReadOnlyList<string> scope)
    {
        if (scope.Count == 1) return scope[0];
        return db.Regions.AsNoTracking().Where(r => scope.Contains(r.Code) && r.ParentCode != null).Select(r => r.ParentCode!).FirstOrDefault()
               ?? throw new DomainException("Noem in 'regios' de regio of regio's van het onderwerp.");
    }
}

/// <summary>
/// What a person calls a workflow's subject: the provider's name and the lot for an agreement, the title for a tender or a
/// decision, instead of its key. Each register is read once per instance of this class (one page), not once per row.
/// </summary>
public sealed class SubjectLabels(VerwervingDb db)
{
    private Dictionary<string, string>? _agreements, _tenders, _decisions;
    private Dictionary<string, int>? _rounds;
    private Dictionary<string, Provider>? _providers;

    private Dictionary<string, Provider> Providers => _providers ??= db.Providers.AsNoTracking().ToDictionary(p => p.AgbCode);
    private Dictionary<string, string> Tenders => _tenders ??= db.Tenders.AsNoTracking().ToDictionary(t => t.Reference, t => t.Title);
    private Dictionary<string, string> Decisions => _decisions ??= db.Decisions.AsNoTracking().ToDictionary(d => d.Reference, d => d.Title);
    private Dictionary<string, int> Rounds => _rounds ??= db.Evaluations.AsNoTracking().ToDictionary(e => e.Key, e => e.Round);

    /// <summary>"Provider · lot (reference)" for every agreement.</summary>
    private Dictionary<string, string> Agreements => _agreements ??= Describe();

    public string Label(SubjectKind kind, string subjectKey)
    {
        var key = SubjectKinds.RecordKey(subjectKey);
        return kind switch
        {
            SubjectKind.Tender when Tenders.TryGetValue(key, out var title) => $"{title} ({key})",
            SubjectKind.Decision when Decisions.TryGetValue(subjectKey, out var title) => $"{title} ({subjectKey})",
            SubjectKind.Agreement when Agreements.TryGetValue(key, out var agreement) => agreement,
            SubjectKind.Evaluation when Agreements.TryGetValue(key, out var agreement) =>
                Rounds.TryGetValue(subjectKey, out var round) ? $"Na {Evaluation.YearsAfter(round)} jaar: {agreement}" : agreement,
            SubjectKind.Provider when Providers.TryGetValue(key, out var provider) => $"{provider.Name} (AGB {provider.AgbCode})",
            _ => subjectKey,
        };
    }

    private Dictionary<string, string> Describe()
    {
        var names = Providers.Values.ToDictionary(p => p.Id, p => p.Name);
        var lots = db.Lots.AsNoTracking().ToDictionary(l => l.Code, l => l.Name);
        return db.Agreements.AsNoTracking().Select(a => new { a.Reference, a.ProviderId, a.LotCode }).ToList().ToDictionary(a => a.Reference,
            a => $"{names.GetValueOrDefault(a.ProviderId, a.Reference)} · {lots.GetValueOrDefault(a.LotCode, a.LotCode)} ({a.Reference})");
    }
}
