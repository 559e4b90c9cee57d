using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Verwerving.Domain;
using Verwerving.Persistence;
using Verwerving.Text;

namespace Verwerving.Workflows;

/// <summary>What a workflow instance is about: the record it drives.</summary>
public enum SubjectKind { None, Tender, Decision, Agreement, Provider, Evaluation }

/// <summary>The types a trigger parameter can have; each is checked against the database before a step runs.</summary>
public enum ParameterKind { Text, Number, Date, Bool, Provider, Municipality, Money, Choice, PurchasingRegion }

/// <summary>A parameter as an operation needs it: the definition must declare it with this type.</summary>
public sealed record ParameterSpec(string Name, ParameterKind Kind, bool Required, string Label);

/// <summary>What an operation works with: the subject's record, the typed parameters, who acts and when.</summary>
public sealed class OperationContext(VerwervingDb db, WorkflowInstance instance, IReadOnlyDictionary<string, Value> parameters, User user, DateTime now,
    string trigger = "", OpenTaskAction? plannedTask = null)
{
    /// <summary>The task the step plans for a person (the trigger's <c>task:</c>), if any.</summary>
    public OpenTaskAction? PlannedTask { get; } = plannedTask;

    /// <summary>Set by an operation that finds the planned work already planned elsewhere: the step then opens no second task.</summary>
    public bool AlreadyPlanned { get; set; }

    /// <summary>The trigger being fired.</summary>
    public string Trigger { get; } = trigger;

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

    /// <summary>The agreement a subject key names: the key itself, or its part before '/' for a workflow under it (an evaluation).</summary>
    public Agreement Agreement() => Db.Agreements.Include(a => a.Ceilings).Include(a => a.Amendments).FirstOrDefault(a => a.Reference == SubjectKinds.RecordKey(Subject))
        ?? throw new DomainException($"Overeenkomst {SubjectKinds.RecordKey(Subject)} bestaat niet.");

    public Evaluation Evaluation() => Db.Evaluations.FirstOrDefault(e => e.Key == Subject) ?? throw new DomainException($"Evaluatie {Subject} bestaat niet.");

    /// <summary>The step answers the open tasks that name it (approve:) on these instances: they are done.</summary>
    public void CloseTasksAnswered(IReadOnlyCollection<long> instanceIds)
    {
        foreach (var task in Db.Set<HumanTask>().Where(t => instanceIds.Contains(t.InstanceId) && t.Status == TaskStatus.Open && t.ApproveTrigger == Trigger).ToList())
            task.Close(User.Login, Now);
    }

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

        new("agreement.plan-meeting", SubjectKind.Agreement, [], PlanMeeting),
        new("agreement.record-meeting", SubjectKind.Agreement,
            [P("datum", ParameterKind.Date, "Datum van het overleg"), P("deelnemers", ParameterKind.Text, "Aanwezig"), P("verslag", ParameterKind.Text, "Verslag")],
            RecordMeeting),
        new("agreement.decide-termination", SubjectKind.Agreement, [Reason, P("per", ParameterKind.Date, "Beëindigd per")], DecideTermination),
        new("agreement.record-councils-informed", SubjectKind.Agreement, [Date],
            c => c.Decision(TerminationDecision(c.Agreement())).RecordCouncilsInformed(c.Date("datum"))),

        new("evaluation.record-dialogue", SubjectKind.Evaluation, [P("reactie-partner", ParameterKind.Text, "Reactie van de partner", false), Date],
            c => c.Evaluation().RecordDialogue(c.Date("datum"), c.Text("reactie-partner"), c.Today)),
        new("evaluation.propose", SubjectKind.Evaluation,
            [P("besluit", ParameterKind.Choice, "Voorstel"), P("plafond", ParameterKind.Money, "Nieuw omzetplafond per jaar (bij bijstellen)", false),
             P("per", ParameterKind.Date, "Gaat in op (bij bijstellen of beëindigen)", false)], ProposeEvaluation),
        new("evaluation.decide", SubjectKind.Evaluation, [], DecideEvaluation),
        new("evaluation.record-councils-informed", SubjectKind.Evaluation, [Date], c => c.Decision().RecordCouncilsInformed(c.Date("datum"))),

        new("provider.inform-region", SubjectKind.Provider, [P("regio", ParameterKind.PurchasingRegion, "Geïnformeerde regio"), Date], InformRegion),
        new("provider.decide-measures", SubjectKind.Provider, [P("maatregelen", ParameterKind.Text, "Maatregelen", false)], DecideMeasures),

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

    /// <summary>
    /// A meeting held with the partner, recorded by a person who was there. It answers the planning task of every partnership with
    /// this partner: one meeting is about the partner, not about one of its agreements.
    /// </summary>
    private static void RecordMeeting(OperationContext c)
    {
        var agreement = c.Agreement();
        c.Db.PartnerMeetings.Add(new PartnerMeeting(agreement.ProviderId, agreement.Reference, c.Date("datum"), c.RequiredText("deelnemers"),
            c.RequiredText("verslag"), c.User.Login, c.Now, c.Today));
        c.CloseTasksAnswered(PartnershipsWith(c.Db, agreement.ProviderId));
    }

    /// <summary>The running workflows on the agreements with this partner (its partnerships), optionally leaving one agreement out.</summary>
    private static List<long> PartnershipsWith(VerwervingDb db, int providerId, int? except = null)
    {
        var references = db.Agreements.AsNoTracking().Where(a => a.ProviderId == providerId && a.Id != except).Select(a => a.Reference).ToList();
        return db.Set<WorkflowInstance>().AsNoTracking().Where(i => references.Contains(i.SubjectKey) && !i.Completed).Select(i => i.Id).ToList();
    }

    /// <summary>
    /// A meeting is about the partner, not one of its agreements: when another partnership with the same partner already has the
    /// meeting to plan open, this one plans none (the partner's meetings are counted together).
    /// </summary>
    private static void PlanMeeting(OperationContext c)
    {
        if (c.PlannedTask?.Approve is not { } answer) return;
        var agreement = c.Agreement();
        var siblings = PartnershipsWith(c.Db, agreement.ProviderId, except: agreement.Id);
        c.AlreadyPlanned = c.Db.Set<HumanTask>().Any(t => siblings.Contains(t.InstanceId) && t.Status == TaskStatus.Open && t.ApproveTrigger == answer);
    }

    /// <summary>The account holder informed one of the provider's other purchasing regions; each region once, never the account holder itself.</summary>
    private static void InformRegion(OperationContext c)
    {
        var agb = SubjectKinds.RecordKey(c.Subject);
        var provider = c.Db.Providers.AsNoTracking().First(p => p.AgbCode == agb);
        var region = c.RequiredText("regio");
        if (region == provider.AccountHoldingRegionCode) throw new DomainException($"{region} is de accounthoudende regio van {provider.Name}; die informeert de andere regio's.");
        var others = PurchasingRegions.Others(c.Db, provider);
        if (!others.Contains(region)) throw new DomainException($"{region} koopt niet in bij {provider.Name}.");
        if (c.Db.SignalNotices.Any(n => n.EscalationId == c.Instance.Id && n.RegionCode == region))
            throw new DomainException($"{region} is over dit signaal al geïnformeerd.");
        var on = c.Date("datum");
        if (on > c.Today || on < WorkCalendar.DateOf(c.Instance.StartedAt)) throw new DomainException("De datum ligt tussen het signaal en vandaag.");
        c.Db.SignalNotices.Add(new SignalNotice(c.Instance.Id, provider.Id, region, on, c.User.Login));
        var informed = c.Db.SignalNotices.AsNoTracking().Where(n => n.EscalationId == c.Instance.Id).Select(n => n.RegionCode).ToList().Append(region);
        if (!others.Except(informed).Any()) c.CloseTasksAnswered([c.Instance.Id]);
    }

    /// <summary>The steering group's decision on an escalation's measures: one per escalation, under the provider's key.</summary>
    public static string MeasuresDecision(WorkflowInstance escalation) => $"{SubjectKinds.RecordKey(escalation.SubjectKey)}/stuurgroep-{escalation.Id}";

    /// <summary>
    /// The steering group decides on the measures: the first alderman puts them on record, each other alderman of the scope
    /// approves the same measures (001 §6.3: a joint decision).
    /// </summary>
    private static void DecideMeasures(OperationContext c)
    {
        var reference = MeasuresDecision(c.Instance);
        var measures = c.Text("maatregelen");
        var decision = c.Db.Decisions.Include(d => d.Approvals).FirstOrDefault(d => d.Reference == reference);
        if (decision is null)
        {
            if (string.IsNullOrWhiteSpace(measures)) throw new DomainException("Noem de maatregelen waarover de stuurgroep besluit.");
            var provider = c.Db.Providers.AsNoTracking().First(p => p.AgbCode == SubjectKinds.RecordKey(c.Subject));
            decision = new Decision(reference, $"Maatregelen continuïteitsrisico {provider.Name}", WorkflowRuntime.RegionsOf(c.Instance), false, c.User.Login, c.Now);
            decision.RecordProposal(measures.Trim());
            c.Db.Decisions.Add(decision);
        }
        else if (!string.IsNullOrWhiteSpace(measures) && measures.Trim() != decision.Proposal)
            throw new DomainException("Over andere maatregelen is al ingestemd; stem in met de maatregelen zoals ze voorliggen, of stuur ze terug.");
        decision.Approve(c.User, c.Now);
    }

    /// <summary>The core team's proposal after an evaluation: recorded on the evaluation, and a decision for the PHO.</summary>
    private static void ProposeEvaluation(OperationContext c)
    {
        var agreement = c.Agreement();
        var evaluation = c.Evaluation();
        var outcome = EvaluationOutcomes.Parse(c.RequiredText("besluit"));
        evaluation.Propose(outcome, c.Text("plafond") is null ? null : c.Cents("plafond"), c.Text("per") is null ? null : c.Date("per"), c.Today, agreement.End);
        var proposal = outcome switch
        {
            EvaluationOutcome.Amend => $"Bijstellen: omzetplafond {Nl.Euro(evaluation.NewCeilingCents!.Value)} per jaar vanaf {Nl.Date(evaluation.EffectiveOn!.Value)}.",
            EvaluationOutcome.End => $"Beëindigen per {Nl.Date(evaluation.EffectiveOn!.Value)}.",
            _ => "Voortzetten zonder wijziging.",
        };
        if (c.Db.Decisions.FirstOrDefault(d => d.Reference == c.Subject) is { } earlier) earlier.RecordProposal(proposal); // sent back and proposed again
        else
        {
            var provider = c.Db.Providers.AsNoTracking().First(p => p.Id == agreement.ProviderId);
            var decision = new Decision(c.Subject, $"Evaluatie na {evaluation.AfterYears} jaar strategisch partnerschap {provider.Name} ({agreement.Reference})",
                WorkflowRuntime.RegionsOf(c.Instance), touchesCouncils: true, c.User.Login, c.Now);
            decision.RecordProposal(proposal);
            c.Db.Decisions.Add(decision);
        }
    }

    /// <summary>Each alderman's approval is recorded on the decision; when it is taken, bijstellen amends the agreement and beëindigen ends it.</summary>
    private static void DecideEvaluation(OperationContext c)
    {
        var decision = c.Decision();
        decision.Approve(c.User, c.Now);
        if (decision.Status != DecisionStatus.Decided) return;
        var evaluation = c.Evaluation();
        evaluation.Decide(decision.Reference, c.Today);
        var agreement = c.Agreement();
        switch (evaluation.Outcome)
        {
            case EvaluationOutcome.Amend:
                agreement.Amend(evaluation.EffectiveOn!.Value, evaluation.NewCeilingCents!.Value, decision.Reference, c.Today);
                break;
            case EvaluationOutcome.End:
                agreement.Terminate(evaluation.EffectiveOn!.Value, decision.Reference, c.Today);
                break;
        }
    }

    private static string TerminationDecision(Agreement agreement) => agreement.Reference + "-BEEINDIGING";

    /// <summary>
    /// The PHO ends a partnership before its term: a decision that holds each alderman's approval of the same date; when it is
    /// taken the agreement ends on that date. It touches the councils' position, so they are informed afterwards.
    /// </summary>
    private static void DecideTermination(OperationContext c)
    {
        var agreement = c.Agreement();
        var reference = TerminationDecision(agreement);
        var on = c.Date("per");
        // Checked at the first approval too, so no alderman approves a date the agreement refuses at the last.
        if (agreement.EndProblem(on, c.Today) is { } problem) throw new DomainException(problem);
        var decision = c.Db.Decisions.Include(d => d.Approvals).FirstOrDefault(d => d.Reference == reference);
        if (decision is null)
        {
            var provider = c.Db.Providers.AsNoTracking().First(p => p.Id == agreement.ProviderId);
            decision = new Decision(reference, $"Tussentijdse beëindiging strategisch partnerschap {provider.Name} ({agreement.Reference})",
                WorkflowRuntime.RegionsOf(c.Instance), touchesCouncils: true, c.User.Login, c.Now);
            decision.RecordProposal($"Beëindigen per {Nl.Date(on)}. Reden: {c.RequiredText("reden")}");
            decision.RecordEffectiveDate(on);
            c.Db.Decisions.Add(decision);
        }
        else if (decision.EffectiveOn != on)
            throw new DomainException($"Het voorstel is beëindigen per {Nl.Date(decision.EffectiveOn!.Value)}; elke wethouder besluit over dezelfde datum.");
        decision.Approve(c.User, c.Now);
        if (decision.Status == DecisionStatus.Decided) agreement.Terminate(on, reference, c.Today);
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

/// <summary>The evaluation outcome as the definitions write it (a choice parameter's options).</summary>
public static class EvaluationOutcomes
{
    public static readonly IReadOnlyList<string> Words = ["voortzetten", "bijstellen", "beeindigen"];

    public static EvaluationOutcome Parse(string word) => word switch
    {
        "voortzetten" => EvaluationOutcome.Continue,
        "bijstellen" => EvaluationOutcome.Amend,
        "beeindigen" => EvaluationOutcome.End,
        _ => throw new DomainException($"'{word}' is geen uitkomst van een evaluatie (kies voortzetten, bijstellen of beeindigen)."),
    };

    public static string Word(EvaluationOutcome outcome) => Words[(int)outcome];

    /// <summary>As a page writes it: the option word, with the diaeresis the option leaves out.</summary>
    public static string Dutch(EvaluationOutcome outcome) => outcome == EvaluationOutcome.End ? "beëindigen" : Word(outcome);
}
