using Verwerving.Domain;

namespace Verwerving.Rules;

/// <summary>
/// What the rules judge: facts at the grain the policy speaks of, summed in the database first.
/// Each names its subject and period and carries the norms that held for its region then.
/// </summary>
public abstract class Fact
{
    public required string SubjectType { get; init; }
    public required string SubjectKey { get; init; }
    public required string Name { get; init; }
    public required DateOnly From { get; init; }
    public required DateOnly To { get; init; }
    public required NormView Norms { get; init; }

    public override string ToString() => $"{GetType().Name} {SubjectType} {SubjectKey} {From:yyyy-MM-dd}..{To:yyyy-MM-dd}";
}

public static class Subjects
{
    public const string Provider = "provider";
    public const string Municipality = "municipality";
    public const string Agreement = "agreement";
    public const string Region = "region";
    public const string Tender = "tender";
    public const string Decision = "decision";
    public const string Task = "task";
}

/// <summary>A human task with a term: when it fell due, whether it is still open, and who holds it.</summary>
public sealed class TaskTermFact : Fact
{
    public required string Title { get; init; }
    /// <summary>What the task's workflow is about: a tender, an agreement, a decision, a provider.</summary>
    public required string Subject { get; init; }
    public required string Role { get; init; }
    public required DateOnly Due { get; init; }
    public required bool Open { get; init; }
    public string? AssignedTo { get; init; }
    public required DateOnly Today { get; init; }
}

/// <summary>Referrals to one provider in one lot from one region in a period (access-team register, JW315/JW319).</summary>
public sealed class ReferralStats : Fact
{
    public required string ProviderAgb { get; init; }
    public required string LotCode { get; init; }
    public required string LotName { get; init; }
    public required string Region { get; init; }
    public bool StrategicPartner { get; init; }
    public int LightTotal { get; set; }
    public int LightAccepted { get; set; }
    public int ComplexTotal { get; set; }
    public int ComplexAccepted { get; set; }
    public int Refused { get; set; }
    public int Answered { get; set; }
    public int AnsweredLate { get; set; }
    public int Total => LightTotal + ComplexTotal;
}

/// <summary>Care starts of one provider in one lot from one region (JW301/JW305), against the waiting-time norm.</summary>
public sealed class WaitingStats : Fact
{
    public required string ProviderAgb { get; init; }
    public required string LotCode { get; init; }
    public required string LotName { get; init; }
    public required string Region { get; init; }
    public int Started { get; set; }
    public int StartedBeyondNorm { get; set; }
    public int WaitingBeyondNormNow { get; set; }
    public long TotalWaitingDays { get; set; }
}

/// <summary>A quality figure of a provider for a period (001 annex 3, 003, 004 ch. 5).</summary>
public sealed class QualityFigure : Fact
{
    public required string Indicator { get; init; }
    public required decimal Value { get; init; }
    public int? Basis { get; init; }
}

/// <summary>A municipality's youth-care spending in a year against its council budget.</summary>
public sealed class MunicipalityBudget : Fact
{
    public long? BudgetCents { get; init; }
    public long SpentCents { get; set; }
    public long ProRataCents { get; init; }

    /// <summary>Share of the year elapsed at the end of the period (1 for a past year).</summary>
    public decimal Elapsed { get; init; }
    public long ForecastCents => Elapsed <= 0 ? SpentCents : (long)(SpentCents / Elapsed);
}

/// <summary>Spending under one agreement in a year against its ceiling (omzetplafond).</summary>
public sealed class CeilingUse : Fact
{
    public required string ProviderAgb { get; init; }
    public long? CeilingCents { get; init; }
    public long SpentCents { get; set; }
    public decimal Elapsed { get; init; }
    public long ForecastCents => Elapsed <= 0 ? SpentCents : (long)(SpentCents / Elapsed);
}

/// <summary>The sum of contract ceilings of a contracting region against the budget frames of its municipalities.</summary>
public sealed class FrameUse : Fact
{
    public long CeilingsCents { get; init; }
    public long FramesCents { get; init; }
}

/// <summary>Clients and costs of a region in a year and the year before (001 §2: costs grow faster than clients).</summary>
public sealed class RegionGrowth : Fact
{
    public int Clients { get; init; }
    public long CostsCents { get; init; }
    public int PreviousClients { get; init; }
    public long PreviousCostsCents { get; init; }
    public decimal ClientGrowth => PreviousClients == 0 ? 0 : (decimal)Clients / PreviousClients - 1;
    public decimal CostPerClientGrowth => PreviousClients == 0 || Clients == 0 || PreviousCostsCents == 0
        ? 0 : (decimal)CostsCents / Clients / ((decimal)PreviousCostsCents / PreviousClients) - 1;
}

/// <summary>A provider's continuity picture in a year, watched by the account-holding region.</summary>
public sealed class ProviderContinuity : Fact
{
    public int NearCeilings { get; set; }
    public IReadOnlyList<string> NearCeilingAgreements { get; set; } = [];
    public int OneSidedStops { get; set; }
    public decimal? MeanWaitingDays { get; set; }
    public decimal? PreviousMeanWaitingDays { get; set; }
}

/// <summary>A provider's ratios from its latest annual accounts.</summary>
public sealed class ProviderFinances : Fact
{
    public decimal? Solvency { get; init; }
    public decimal? CurrentRatio { get; init; }
    public long? ResultCents { get; init; }
}

/// <summary>A tender as it stands, or as it would stand after a proposed transition.</summary>
public sealed class TenderFacts : Fact
{
    public required TenderPhase Phase { get; init; }
    public int Admitted { get; init; }
    public int? CriteriaWeightSum { get; init; }
    public string CriteriaText { get; init; } = "";
    public int BidsOutsideDialogue { get; init; }
    public DateOnly? IntendedAwardOn { get; init; }

    /// <summary>When the award decision went to the bidders: the standstill runs from the next day.</summary>
    public DateOnly? AwardSentOn { get; init; }

    /// <summary>When the contracts were (or would be) signed or the award made final.</summary>
    public DateOnly? AwardedOn { get; init; }
    public bool InDialogueOrLater => Phase is >= TenderPhase.Dialogue and not TenderPhase.Withdrawn;
}

/// <summary>One dialogue round of a tender.</summary>
public sealed class DialogueRoundFacts : Fact
{
    public required int Number { get; init; }
    public required string Theme { get; init; }
    public bool YouthAndParentsPresent { get; init; }
    public bool InformationSharedWithAll { get; init; }
    public int ProvidersPresent { get; init; }
}

/// <summary>A governance decision of the PHO.</summary>
public sealed class DecisionFacts : Fact
{
    public required DecisionStatus Status { get; init; }
    public IReadOnlyList<string> Scope { get; init; } = [];
    public IReadOnlyList<string> ApprovedRegions { get; init; } = [];
    public IReadOnlyList<string> NonAldermanApprovers { get; init; } = [];
    public bool TouchesCouncils { get; init; }
    public DateOnly? DecidedOn { get; init; }
    public DateOnly? CouncilsInformedOn { get; init; }
    public required DateOnly Today { get; init; }
    public IEnumerable<string> MissingRegions => Scope.Except(ApprovedRegions);
}

/// <summary>A full year of a strategic partnership: the administrative meetings held.</summary>
/// <summary>A strategic partner in a calendar year: the meetings recorded, and the share of the year its partnership ran (pro rata norm).</summary>
public sealed class PartnershipYear : Fact
{
    public required int Year { get; init; }
    public int Meetings { get; init; }
    public decimal Share { get; init; } = 1;

    /// <summary>The norm for this year: the meetings a year, pro rata for a partial year, rounded up.</summary>
    public int Required => (int)Math.Ceiling(Norms["bestuur.overleggen-per-jaar"] * Share);
}

/// <summary>An evaluation of a strategic partnership that falls due after 3 or 6 years.</summary>
public sealed class EvaluationDue : Fact
{
    public required int AfterYears { get; init; }
    public required DateOnly Due { get; init; }
    public DateOnly? StartedOn { get; init; }
    public required DateOnly Today { get; init; }
}

/// <summary>A continuity escalation: since when the other regions are to be informed, and whether they were.</summary>
public sealed class EscalationFacts : Fact
{
    public required DateOnly InformingSince { get; init; }
    public DateOnly? OthersInformedOn { get; init; }
    public required DateOnly Today { get; init; }
    public required string AccountHolder { get; init; }

    /// <summary>The purchasing regions not informed yet, for the explanation.</summary>
    public string NotInformed { get; init; } = "";
}
