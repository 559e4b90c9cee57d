using System.Reflection;
using Scriban.Runtime;

namespace Verwerving.Documents;

/// <summary>A view model a template may read: its name in the header, the variable it appears as, its type.</summary>
public sealed record DocumentModel(string Id, string Root, Type Type);

/// <summary>The view models and the members a template may read: nothing else is in view.</summary>
public static class DocumentModels
{
    public static readonly IReadOnlyDictionary<string, DocumentModel> Kinds = new[]
    {
        new DocumentModel("besluit", "besluit", typeof(DecisionModel)),
        new DocumentModel("evaluatie", "evaluatie", typeof(EvaluationModel)),
        new DocumentModel("aanbesteding", "aanbesteding", typeof(TenderModel)),
        new DocumentModel("monitor", "monitor", typeof(MonitorModel)),
        new DocumentModel("signaal", "signaal", typeof(ContinuityModel)),
    }.ToDictionary(m => m.Id, StringComparer.Ordinal);

    public static DocumentModel For(Type type) => Kinds.Values.Single(k => k.Type == type);

    /// <summary>Every type reachable from the roots through public properties: the allow-list of the sandbox.</summary>
    public static readonly IReadOnlyList<Type> AllowedTypes = Reachable();

    public static IEnumerable<PropertyInfo> Members(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract");

    public static string Name(PropertyInfo property) => StandardMemberRenamer.Default(property);

    private static List<Type> Reachable()
    {
        var seen = new List<Type>();
        var todo = new Stack<Type>(Kinds.Values.Select(k => k.Type).Append(typeof(DocumentInfo)));
        while (todo.Count > 0)
        {
            var t = todo.Pop();
            t = Nullable.GetUnderlyingType(t) ?? t;
            if (TemplateChecker.ElementType(t) is { } element) { todo.Push(element); continue; }
            if (t.Assembly != typeof(DocumentModels).Assembly || seen.Contains(t)) continue;
            seen.Add(t);
            foreach (var p in Members(t)) todo.Push(p.PropertyType);
        }
        return seen;
    }
}

/// <summary>What every template also sees: the document itself, and the house style from templates/huisstijl.css.</summary>
public sealed record DocumentInfo(string Title, string Template, int Version, DateOnly Date, string Subject, string Organisation, Html Style);

public sealed record FindingItem(long Id, string Rule, string Set, string Severity, string Subject, string Period, string Explanation, string Source);
public sealed record StepItem(DateOnly Date, string Who, string Role, string What);
public sealed record PersonItem(string Name, string Role, string Region);
public sealed record ApprovalItem(string Region, string Name, DateOnly Date);

/// <summary>Where each region's alderman stands on a decision: approved (with the date) or still to decide.</summary>
public sealed record RegionApprovalItem(string Region, string Alderman, bool Approved, DateOnly? Date);

/// <summary>
/// The money of a decision for the alderman: its yearly amount; the councils' budget frame of the regions in scope and
/// what was spent in that frame's year (the latest year set, when the decision's year has none yet); the room left in
/// the frame before and after the decision; and the strategic partners' ceilings for comparison.
/// </summary>
public sealed record DecisionMoney(int Year, long? AmountCents, int FrameYear, long FrameCents, long SpentCents, int CeilingsYear, long CeilingsCents,
    long RoomCents, long? RoomAfterCents);

/// <summary>A governance decision for the PHO memo and the council information letter.</summary>
public sealed record DecisionModel(string Reference, string Title, string Proposal, string Status, IReadOnlyList<string> Regions, bool Joint,
    bool TouchesCouncils, DateOnly ProposedOn, string ProposedBy, DateOnly? DecidedOn, IReadOnlyList<StepItem> MandateChain,
    IReadOnlyList<PersonItem> Deciders, IReadOnlyList<ApprovalItem> Approvals, IReadOnlyList<string> Councils, IReadOnlyList<FindingItem> Findings,
    DecisionMoney Money, IReadOnlyList<string> Options, string Advice, IReadOnlyList<RegionApprovalItem> RegionApprovals);

public sealed record KpiItem(string Name, string Value, string Norm, bool Met, string Source);
public sealed record BudgetYear(string Label, long CeilingCents, long SpentCents, decimal Use, bool Complete);
public sealed record AcceptanceYear(string Label, int Referrals, int Refused, int AnsweredLate, int Started, int StartedBeyondNorm, decimal MeanWaitingDays, decimal NormDays);

/// <summary>A strategic partnership after 3 or 6 years.</summary>
public sealed record EvaluationModel(string Agreement, string Provider, string ProviderAgb, string Lot, string Region, int AfterYears,
    DateOnly Start, DateOnly End, DateOnly PeriodFrom, DateOnly PeriodTo, int Meetings, IReadOnlyList<KpiItem> Kpis,
    IReadOnlyList<BudgetYear> Budget, IReadOnlyList<AcceptanceYear> Acceptance, Chart BudgetChart, Chart WaitingChart,
    IReadOnlyList<FindingItem> Findings, string PartnerResponse, string ProposedDecision, string Remark,
    DateOnly? DialogueHeldOn = null, long? NewCeilingCents = null, DateOnly? EffectiveOn = null, string Decided = "", DateOnly? DecidedOn = null);

public sealed record RoundItem(int Number, string Theme, DateOnly? HeldOn, int ProvidersPresent, bool YouthAndParents, bool Partners,
    bool SharedWithAll, string Agreements, IReadOnlyList<string> Participants, string Minutes);
public sealed record CandidateItem(string Name, string Agb, bool Admitted, bool InDialogue, string RefusalReason);
public sealed record CriterionItem(string Name, int Weight);
public sealed record LotItem(string Code, string Name, long EstimatedValueCents);
public sealed record ScoreItem(string Criterion, decimal Score);

/// <summary>A council whose municipality the tender serves, and when it adopted the frame (null: not yet).</summary>
public sealed record AdoptionItem(string Municipality, DateOnly? AdoptedOn);

/// <summary>A bid on a lot: the yearly amount, the score per criterion, the weighted score (null until scored) and whether it is proposed for award.</summary>
public sealed record BidItem(string Name, string Agb, string Lot, string LotName, long AmountCents, IReadOnlyList<ScoreItem> Scores, decimal? Weighted, bool Proposed);
public sealed record AgreementItem(string Reference, string Provider, string Lot, DateOnly Start, DateOnly End, long YearlyCeilingCents, DateOnly? SignedOn);

/// <summary>A tender for the dialogue-round minutes and the award decision letter.</summary>
public sealed record TenderModel(string Reference, string Title, string Region, string Phase, IReadOnlyList<LotItem> Lots,
    IReadOnlyList<CriterionItem> Criteria, IReadOnlyList<CandidateItem> Candidates, IReadOnlyList<BidItem> Bids, IReadOnlyList<BidItem> Awardees,
    IReadOnlyList<RoundItem> Rounds, RoundItem? Round, DateOnly? IntendedAwardOn, DateOnly? AwardSentOn, DateOnly? StandstillEnds,
    DateOnly? EarliestAwardOn, int StandstillDays, IReadOnlyList<AgreementItem> Agreements, IReadOnlyList<FindingItem> Findings,
    IReadOnlyList<AdoptionItem> Adoptions);

public sealed record RegionUse(string Region, string Label, long CeilingCents, long SpentCents, decimal Use);
/// <summary>A quality figure; <paramref name="Unit"/> is the indicator's unit from the norms file (a fraction prints as a percentage).</summary>
public sealed record QualityItem(string Indicator, decimal Value, string Unit, string Norm, bool Met, string Period);

/// <summary>The quarterly monitor of a region or of a provider (the account-holding region's view).</summary>
public sealed record MonitorModel(string Kind, string Name, string Key, string Quarter, DateOnly PeriodFrom, DateOnly PeriodTo,
    string AccountHolder, IReadOnlyList<BudgetYear> Budget, IReadOnlyList<RegionUse> Regions, IReadOnlyList<AcceptanceYear> Acceptance,
    IReadOnlyList<QualityItem> Quality, IReadOnlyList<FindingItem> Signals, string Escalation, Chart BudgetChart, string BudgetLimit, Chart RegionChart,
    Chart WaitingChart, Chart AcceptanceChart);

/// <summary>A continuity signal from the account-holding region to the other purchasing regions.</summary>
public sealed record ContinuityModel(string Provider, string Agb, string AccountHolder, IReadOnlyList<string> OtherRegions, DateOnly SignalledOn,
    string State, IReadOnlyList<FindingItem> Signals, IReadOnlyList<RegionUse> Ceilings, decimal? Solvency, decimal? CurrentRatio,
    long? ResultCents, string Measures, IReadOnlyList<StepItem> Steps, string Remark);
