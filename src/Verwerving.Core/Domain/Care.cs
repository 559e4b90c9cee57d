namespace Verwerving.Domain;

/// <summary>Who referred the youth (Jeugdwet art. 2.3 and 001 annex 1).</summary>
public enum ReferrerType { AccessTeam, GeneralPractitioner, MedicalSpecialist, YouthJudge, YouthHealthDoctor, CertifiedInstitution }

public enum Complexity { Light, Complex }

public enum ReferralOutcome { Pending, Accepted, Refused }

/// <summary>A referral of a youth to a provider in a lot. The client is a pseudonym, never a BSN.</summary>
public class Referral
{
    private Referral() { Reference = ClientPseudonym = MunicipalityCode = LotCode = ""; }

    public Referral(string reference, string clientPseudonym, string municipalityCode, string lotCode, int? providerId,
        ReferrerType referrer, Complexity complexity, DateOnly referredOn)
    {
        if (string.IsNullOrWhiteSpace(reference)) throw new DomainException("Een verwijzing heeft een kenmerk nodig.");
        if (clientPseudonym.Length < 16) throw new DomainException("Een cliënt wordt alleen met een pseudoniem vastgelegd.");
        Reference = reference;
        ClientPseudonym = clientPseudonym;
        MunicipalityCode = municipalityCode;
        LotCode = lotCode;
        ProviderId = providerId;
        Referrer = referrer;
        Complexity = complexity;
        ReferredOn = referredOn;
    }

    public long Id { get; private set; }
    public string Reference { get; private set; }
    public string ClientPseudonym { get; private set; }
    public string MunicipalityCode { get; private set; }
    public string LotCode { get; private set; }
    public int? ProviderId { get; private set; }
    public ReferrerType Referrer { get; private set; }
    public Complexity Complexity { get; private set; }
    public DateOnly ReferredOn { get; private set; }
    public ReferralOutcome Outcome { get; private set; }
    public DateOnly? AnsweredOn { get; private set; }
    public string? RefusalReason { get; private set; }

    /// <summary>Days from referral to answer; stored so the acceptance rules can sum it in the database.</summary>
    public int? AnswerDays { get; private set; }

    public void Accept(DateOnly on)
    {
        EnsureAnswerable(on);
        Outcome = ReferralOutcome.Accepted;
        AnsweredOn = on;
        AnswerDays = on.DayNumber - ReferredOn.DayNumber;
    }

    public void Refuse(DateOnly on, string reason)
    {
        EnsureAnswerable(on);
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("Een weigering heeft een reden.");
        Outcome = ReferralOutcome.Refused;
        AnsweredOn = on;
        AnswerDays = on.DayNumber - ReferredOn.DayNumber;
        RefusalReason = reason;
    }

    private void EnsureAnswerable(DateOnly on)
    {
        if (Outcome != ReferralOutcome.Pending) throw new DomainException($"Verwijzing {Reference} is al beantwoord.");
        if (on < ReferredOn) throw new DomainException("Een verwijzing wordt niet beantwoord vóór de verwijsdatum.");
    }
}

/// <summary>An assignment and the care given under it: assigned (JW301), started (JW305), stopped (JW307).</summary>
public class CarePeriod
{
    /// <summary>iJw RedenBeeindiging: care ended one-sidedly by the provider (a continuity signal).</summary>
    public const string EndedOneSidedlyByProvider = "33";

    private CarePeriod() { AssignmentNumber = ClientPseudonym = MunicipalityCode = LotCode = ProductCode = ""; }

    public CarePeriod(string assignmentNumber, string clientPseudonym, int providerId, string municipalityCode, string lotCode,
        string productCode, DateOnly assignedOn, long? referralId = null)
    {
        if (string.IsNullOrWhiteSpace(assignmentNumber)) throw new DomainException("Een toewijzing heeft een nummer nodig.");
        if (clientPseudonym.Length < 16) throw new DomainException("Een cliënt wordt alleen met een pseudoniem vastgelegd.");
        AssignmentNumber = assignmentNumber;
        ClientPseudonym = clientPseudonym;
        ProviderId = providerId;
        MunicipalityCode = municipalityCode;
        LotCode = lotCode;
        ProductCode = productCode;
        AssignedOn = assignedOn;
        ReferralId = referralId;
    }

    public long Id { get; private set; }
    public string AssignmentNumber { get; private set; }
    public string ClientPseudonym { get; private set; }
    public int ProviderId { get; private set; }
    public string MunicipalityCode { get; private set; }
    public string LotCode { get; private set; }
    public string ProductCode { get; private set; }
    public long? ReferralId { get; private set; }
    public DateOnly AssignedOn { get; private set; }
    public DateOnly? StartedOn { get; private set; }
    public DateOnly? EndedOn { get; private set; }
    public string? EndReason { get; private set; }

    /// <summary>Days from assignment to the start of care: the waiting time. Stored for the rules' sums.</summary>
    public int? WaitingDays { get; private set; }

    public void Start(DateOnly on)
    {
        if (StartedOn is not null && StartedOn != on) throw new DomainException($"Zorg onder toewijzing {AssignmentNumber} is al gestart op {StartedOn:yyyy-MM-dd}.");
        if (on < AssignedOn) throw new DomainException("Zorg start niet vóór de toewijzing.");
        StartedOn = on;
        WaitingDays = on.DayNumber - AssignedOn.DayNumber;
    }

    public void Stop(DateOnly on, string reason)
    {
        if (StartedOn is null) throw new DomainException($"Zorg onder toewijzing {AssignmentNumber} is nog niet gestart.");
        if (on < StartedOn) throw new DomainException("Zorg stopt niet vóór de start.");
        if (EndedOn is not null && (EndedOn != on || EndReason != reason)) throw new DomainException($"Zorg onder toewijzing {AssignmentNumber} is al beëindigd.");
        EndedOn = on;
        EndReason = reason;
    }
}

/// <summary>One invoiced product line (iJw JW323 Prestatie); amounts in euro cents.</summary>
public class InvoiceLine
{
    private InvoiceLine() { Reference = ClientPseudonym = MunicipalityCode = LotCode = ProductCode = ""; }

    public InvoiceLine(string reference, int providerId, string municipalityCode, string lotCode, string productCode,
        string clientPseudonym, DateOnly periodStart, DateOnly periodEnd, int units, long amountCents)
    {
        if (periodEnd < periodStart) throw new DomainException("Het einde van de declaratieperiode ligt vóór het begin.");
        if (units < 0) throw new DomainException("Een declaratie heeft geen negatief volume.");
        Reference = reference;
        ProviderId = providerId;
        MunicipalityCode = municipalityCode;
        LotCode = lotCode;
        ProductCode = productCode;
        ClientPseudonym = clientPseudonym;
        PeriodStart = periodStart;
        PeriodEnd = periodEnd;
        Units = units;
        AmountCents = amountCents;
    }

    public long Id { get; private set; }

    /// <summary>Unique per line (message id + line id), so a repeated import adds nothing.</summary>
    public string Reference { get; private set; }
    public int ProviderId { get; private set; }
    public string MunicipalityCode { get; private set; }
    public string LotCode { get; private set; }
    public string ProductCode { get; private set; }
    public string ClientPseudonym { get; private set; }
    public DateOnly PeriodStart { get; private set; }
    public DateOnly PeriodEnd { get; private set; }
    public int Units { get; private set; }
    public long AmountCents { get; private set; }
}

/// <summary>A quality figure reported by or measured at a provider (001 annex 3, 003, 004 ch. 5).</summary>
public class QualityMeasurement
{
    private QualityMeasurement() { Indicator = ""; }

    public QualityMeasurement(int providerId, string indicator, DateOnly periodStart, DateOnly periodEnd, decimal value, int? basis = null)
    {
        if (string.IsNullOrWhiteSpace(indicator)) throw new DomainException("Een kwaliteitsmeting noemt haar indicator.");
        if (periodEnd < periodStart) throw new DomainException("Het einde van de meetperiode ligt vóór het begin.");
        if (basis is < 0) throw new DomainException("Het aantal waarnemingen kan niet negatief zijn.");
        ProviderId = providerId;
        Indicator = indicator;
        PeriodStart = periodStart;
        PeriodEnd = periodEnd;
        Value = value;
        Basis = basis;
    }

    public long Id { get; private set; }
    public int ProviderId { get; private set; }
    public string Indicator { get; private set; }
    public DateOnly PeriodStart { get; private set; }
    public DateOnly PeriodEnd { get; private set; }
    public decimal Value { get; private set; }

    /// <summary>Number of observations behind the value (e.g. respondents), where it has one.</summary>
    public int? Basis { get; private set; }

    /// <summary>A provider corrects a reported figure; the import records the correction.</summary>
    public void Correct(DateOnly periodEnd, decimal value, int? basis)
    {
        if (periodEnd < PeriodStart) throw new DomainException("Het einde van de meetperiode ligt vóór het begin.");
        if (basis is < 0) throw new DomainException("Het aantal waarnemingen kan niet negatief zijn.");
        PeriodEnd = periodEnd;
        Value = value;
        Basis = basis;
    }
}
