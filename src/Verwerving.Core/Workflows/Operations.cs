using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Verwerving.Domain;
using Verwerving.Persistence;
using Verwerving.Text;

namespace Verwerving.Workflows;

/// <summary>What a workflow instance is about: the record it drives.</summary>
public enum SubjectKind { None, Tender, Decision, Agreement, Provider }

/// <summary>The types a trigger parameter can have; each is checked against the database before a step runs.</summary>
public enum ParameterKind { Text, Number, Date, Bool, Provider, Municipality, Money, Choice }

/// <summary>A parameter as an operation needs it: the definition must declare it with this type.</summary>
public sealed record ParameterSpec(string Name, ParameterKind Kind, bool Required, string Label);

/// <summary>What an operation works with: the subject's record, the typed parameters, who acts and when.</summary>
public sealed class OperationContext(VerwervingDb db, WorkflowInstance instance, IReadOnlyDictionary<string, Value> parameters, User user, DateTime now)
{
    public VerwervingDb Db { get; } = db;
    public WorkflowInstance Instance { get; } = instance;
    public string Subject => Instance.SubjectKey;
    public User User { get; } = user;
    public DateTime Now { get; } = now;
    public DateOnly Today => WorkCalendar.DateOf(Now);
    public IReadOnlyDictionary<string, Value> Parameters { get; } = parameters;

    public string? Text(string name) => Parameters.TryGetValue(name, out var v) && v.Raw is not null ? v.ToString() : null;
    public string RequiredText(string name) => Text(name) ?? throw new DomainException($"'{name}' ontbreekt.");
    public DateOnly Date(string name) => Parameters.TryGetValue(name, out var v) && v.Raw is DateOnly d ? d : Today;
    public bool Bool(string name, bool fallback) => Parameters.TryGetValue(name, out var v) && v.Raw is bool b ? b : fallback;
    public long Cents(string name) => Parameters.TryGetValue(name, out var v) && v.Number is { } euros ? (long)Math.Round(euros * 100) : 0;

    public Provider Provider(string name)
    {
        var agb = RequiredText(name);
        return Db.Providers.AsNoTracking().FirstOrDefault(p => p.AgbCode == agb) ?? throw new DomainException($"Er is geen aanbieder met AGB-code {agb}.");
    }

    public Tender Tender() => Db.Tenders.Include(t => t.Candidates).Include(t => t.Lots).Include(t => t.Rounds).Include(t => t.Adoptions)
        .Include(t => t.Bids).FirstOrDefault(t => t.Reference == Subject) ?? throw new DomainException($"Aanbesteding {Subject} bestaat niet.");

    public Decision Decision(string? reference = null) => Db.Decisions.Include(d => d.Approvals).FirstOrDefault(d => d.Reference == (reference ?? Subject))
        ?? throw new DomainException($"Besluit {reference ?? Subject} bestaat niet.");
}

/// <summary>
/// A domain operation: what a trigger changes in the records. It names its subject kind and its typed parameters (the
/// loader checks a definition against them), an optional check that explains in advance why it cannot run, and the
/// tender phase it leads to (so the procurement rules judge the step before it is taken).
/// </summary>
public sealed record DomainOperation(string Name, SubjectKind Subject, IReadOnlyList<ParameterSpec> Parameters, Action<OperationContext> Apply,
    Func<OperationContext, string?>? Check = null, TenderPhase? LeadsTo = null);

/// <summary>
/// The registry of domain operations. A definition's trigger names one (<c>operation: tender.admit-candidate</c>); the
/// operation calls a method on the aggregate, which guards its own invariants. Only here and in the runtime do the
/// parameter names of the definitions appear in code.
/// </summary>
public static class DomainOperations
{
    private static ParameterSpec P(string name, ParameterKind kind, string label, bool required = true) => new(name, kind, required, label);

    private static readonly ParameterSpec Provider = P("aanbieder", ParameterKind.Provider, "Aanbieder (AGB-code)");
    private static readonly ParameterSpec Date = P("datum", ParameterKind.Date, "Datum", required: false);
    private static readonly ParameterSpec Lot = P("perceel", ParameterKind.Text, "Perceel", required: false);
    private static readonly ParameterSpec Reason = P("reden", ParameterKind.Text, "Reden");

    private static readonly List<DomainOperation> All =
    [
        new("tender.record-frame-adoption", SubjectKind.Tender, [P("gemeente", ParameterKind.Municipality, "Gemeente (CBS-code)"), Date], c =>
        {
            var code = c.RequiredText("gemeente");
            var name = c.Db.Municipalities.AsNoTracking().Where(m => m.CbsCode == code).Select(m => m.Name).First();
            c.Tender().RecordFrameAdoption(code, name, c.Date("datum"));
        }),
        new("tender.announce", SubjectKind.Tender, [], c => c.Tender().Announce(Municipalities(c)),
            c => c.Tender().CannotAnnounce(Municipalities(c)), TenderPhase.Announced),
        new("tender.open-selection", SubjectKind.Tender, [], c => c.Tender().OpenSelection(), null, TenderPhase.Selection),
        new("tender.admit-candidate", SubjectKind.Tender, [Provider], c =>
        {
            var p = c.Provider("aanbieder");
            c.Tender().AdmitCandidate(p.Id, p.Name);
        }),
        new("tender.refuse-candidate", SubjectKind.Tender, [Provider, Reason], c =>
        {
            var p = c.Provider("aanbieder");
            c.Tender().RefuseCandidate(p.Id, p.Name, c.RequiredText("reden"));
        }),
        new("tender.start-dialogue", SubjectKind.Tender, [], c => c.Tender().StartDialogue(), null, TenderPhase.Dialogue),
        new("tender.record-round", SubjectKind.Tender,
        [
            P("thema", ParameterKind.Text, "Thema"), Date, P("jeugdigen-en-ouders", ParameterKind.Bool, "Jeugdigen en ouders aanwezig"),
            P("partners", ParameterKind.Bool, "Partners aanwezig", false), P("informatie-gedeeld", ParameterKind.Bool, "Informatie met alle gegadigden gedeeld", false),
            P("deelnemers", ParameterKind.Text, "Deelnemende gegadigden (AGB-codes)", false), P("afspraken", ParameterKind.Text, "Afspraken", false),
            P("verslag", ParameterKind.Text, "Verslag", false),
        ], c =>
        {
            var agbs = (c.Text("deelnemers") ?? "").Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var ids = c.Db.Providers.AsNoTracking().Where(p => agbs.Contains(p.AgbCode)).Select(p => new { p.Id, p.AgbCode }).ToList();
            if (agbs.Except(ids.Select(i => i.AgbCode)).FirstOrDefault() is { } unknown) throw new DomainException($"Er is geen aanbieder met AGB-code {unknown}.");
            c.Tender().RecordRound(c.RequiredText("thema"), c.Date("datum"), ids.Select(i => i.Id).ToList(), c.Bool("jeugdigen-en-ouders", false),
                c.Bool("partners", true), c.Bool("informatie-gedeeld", true), c.Text("afspraken") ?? "", c.Text("verslag") ?? "");
        }),
        new("tender.close-dialogue", SubjectKind.Tender, [], c => c.Tender().CloseDialogue(), null, TenderPhase.FinalBids),
        new("tender.receive-bid", SubjectKind.Tender, [Provider, P("bedrag", ParameterKind.Money, "Bedrag per jaar (euro)"), Lot, Date], c =>
        {
            var p = c.Provider("aanbieder");
            c.Tender().ReceiveBid(p.Id, p.Name, c.Text("perceel"), c.Cents("bedrag"), c.Date("datum"));
        }),
        new("tender.close-bids", SubjectKind.Tender, [], c => c.Tender().CloseBids(), null, TenderPhase.Assessment),
        new("tender.score-bid", SubjectKind.Tender, [Provider, P("scores", ParameterKind.Text, "Scores per criterium (kwaliteit=8,prijs=7)"), Lot], c =>
        {
            var p = c.Provider("aanbieder");
            c.Tender().ScoreBid(p.Id, p.Name, c.Text("perceel"), ParseScores(c.RequiredText("scores")));
        }),
        new("tender.propose-award", SubjectKind.Tender, [], c => c.Tender().ProposeAward(), null, TenderPhase.IntendedAward),
        new("tender.back-to-assessment", SubjectKind.Tender, [], c => c.Tender().BackToAssessment(), null, TenderPhase.Assessment),
        new("tender.decide-intended-award", SubjectKind.Tender, [], DecideIntendedAward, null, TenderPhase.IntendedAward),
        new("tender.send-award-decision", SubjectKind.Tender, [Date], c => c.Tender().SendAwardDecision(c.Date("datum"), c.Today), null, TenderPhase.Standstill),
        new("tender.award", SubjectKind.Tender, [P("ingangsdatum", ParameterKind.Date, "Ingangsdatum van de overeenkomsten")], Award, null, TenderPhase.Awarded),
        new("tender.sign", SubjectKind.Tender, [Date], Sign, null, TenderPhase.Contracted),
        new("tender.withdraw", SubjectKind.Tender, [Reason], c => c.Tender().Withdraw(c.RequiredText("reden")), null, TenderPhase.Withdrawn),

        new("decision.discuss", SubjectKind.Decision, [], c => c.Decision().RecordCoreTeamDiscussion(c.User, c.Now)),
        new("decision.approve", SubjectKind.Decision, [], c => c.Decision().Approve(c.User, c.Now)),
        new("decision.reject", SubjectKind.Decision, [Reason], c => c.Decision().Reject(c.User, c.Now, c.RequiredText("reden"))),
        new("decision.record-councils-informed", SubjectKind.Decision, [Date], c => c.Decision().RecordCouncilsInformed(c.Date("datum"))),
    ];

    private static readonly Dictionary<string, DomainOperation> ByName = All.ToDictionary(o => o.Name, StringComparer.Ordinal);

    public static DomainOperation? Find(string? name) => name is null ? null : ByName.GetValueOrDefault(name);
    public static IEnumerable<string> Names => ByName.Keys.Order(StringComparer.Ordinal);

    /// <summary>The municipalities whose councils adopt a tender's frame: those of its region, or of the regions under it.</summary>
    public static List<(string Code, string Name)> MunicipalitiesOf(VerwervingDb db, string regionCode)
    {
        var regions = db.Regions.AsNoTracking().Where(r => r.Code == regionCode || r.ParentCode == regionCode).Select(r => r.Code).ToList();
        return db.Municipalities.AsNoTracking().Where(m => regions.Contains(m.RegionCode)).OrderBy(m => m.Name).Select(m => new { m.CbsCode, m.Name })
            .AsEnumerable().Select(m => (m.CbsCode, m.Name)).ToList();
    }

    private static List<(string Code, string Name)> Municipalities(OperationContext c) => MunicipalitiesOf(c.Db, c.Tender().RegionCode);

    /// <summary>"kwaliteit=8, prijs=7,5" (or with ':' and ';'): a score per award criterion.</summary>
    public static Dictionary<string, decimal> ParseScores(string text)
    {
        var scores = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var part in text.Split([';', ',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pair = part.Split(['=', ':'], 2, StringSplitOptions.TrimEntries);
            if (pair.Length != 2 || !decimal.TryParse(pair[1].Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var score))
                throw new DomainException("Scores worden geschreven als criterium=score, gescheiden door komma's (bijvoorbeeld kwaliteit=8,prijs=7).");
            if (!scores.TryAdd(pair[0], score)) throw new DomainException($"Criterium {pair[0]} heeft twee scores.");
        }
        return scores;
    }

    /// <summary>The PHO's decision on the award proposal is a <see cref="Domain.Decision"/>: each alderman's approval is recorded on it.</summary>
    private static void DecideIntendedAward(OperationContext c)
    {
        var tender = c.Tender();
        if (tender.Phase != TenderPhase.IntendedAward) throw new DomainException($"Er ligt geen gunningsvoorstel voor; de aanbesteding is in de fase {Nl.TenderPhase(tender.Phase)}.");
        var reference = tender.Reference + "-GUNNING";
        if (c.Db.Decisions.Include(d => d.Approvals).FirstOrDefault(d => d.Reference == reference) is not { } decision)
        {
            decision = new Decision(reference, $"Voorgenomen gunning {tender.Title}", WorkflowRuntime.RegionsOf(c.Instance), false, c.Instance.StartedBy, c.Now);
            var names = c.Db.Providers.AsNoTracking().ToDictionary(p => p.Id, p => p.Name);
            decision.RecordProposal(string.Join("; ", tender.Bids.Where(b => b.Proposed).Select(b => $"perceel {b.LotCode}: {names[b.ProviderId]}")));
            c.Db.Decisions.Add(decision);
        }
        decision.Approve(c.User, c.Now);
        if (decision.Status == DecisionStatus.Decided)
        {
            tender.DecideIntendedAward(c.Today);
            tender.LinkAwardDecision(reference);
        }
    }

    /// <summary>The award creates an agreement per proposed bid: provider, lot, start date, nine years, the bid's amount as each year's ceiling.</summary>
    private static void Award(OperationContext c)
    {
        var tender = c.Tender();
        var start = c.Date("ingangsdatum");
        if (start < c.Today) throw new DomainException("De ingangsdatum van de overeenkomsten ligt niet vóór de gunning.");
        var providers = c.Db.Providers.AsNoTracking().ToDictionary(p => p.Id, p => p.AgbCode);
        foreach (var bid in tender.Award(c.Today))
        {
            var end = start.AddYears(Agreement.StrategicTermYears).AddDays(-1);
            var agreement = new Agreement($"{tender.Reference}-{bid.LotCode}-{providers[bid.ProviderId][^4..]}", bid.ProviderId, bid.LotCode, tender.RegionCode,
                start, end, strategicPartner: true, tender.Id);
            for (var year = start.Year; year <= end.Year; year++) agreement.SetCeiling(year, bid.AmountCents);
            c.Db.Agreements.Add(agreement);
        }
    }

    private static void Sign(OperationContext c)
    {
        var tender = c.Tender();
        var on = c.Date("datum");
        if (tender.AwardedOn is { } awarded && on < awarded) throw new DomainException($"Ondertekenen kan niet vóór de gunning van {Nl.Date(awarded)}.");
        tender.MarkContracted();
        foreach (var agreement in c.Db.Agreements.Where(a => a.TenderId == tender.Id && a.SignedOn == null).ToList()) agreement.Sign(on);
    }
}
