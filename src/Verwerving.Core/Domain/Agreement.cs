using Verwerving.Text;
namespace Verwerving.Domain;

/// <summary>
/// A cooperation agreement with a provider. Strategic partnerships run nine years and are
/// evaluated after three and six years (001 §8.1).
/// </summary>
public class Agreement : Versioned
{
    public const int StrategicTermYears = 9;
    private readonly List<AgreementCeiling> _ceilings = [];
    private readonly List<AgreementAmendment> _amendments = [];

    private Agreement() { Reference = LotCode = RegionCode = ""; }

    public Agreement(string reference, int providerId, string lotCode, string regionCode, DateOnly start, DateOnly end, bool strategicPartner, int? tenderId = null)
    {
        if (string.IsNullOrWhiteSpace(reference)) throw new DomainException("Een overeenkomst heeft een kenmerk nodig.");
        if (end <= start) throw new DomainException("De einddatum van een overeenkomst ligt na de begindatum.");
        if (strategicPartner && end != start.AddYears(StrategicTermYears).AddDays(-1))
            throw new DomainException($"Een strategisch partnerschap loopt {StrategicTermYears} jaar (001 §8.1).");
        Reference = reference;
        ProviderId = providerId;
        LotCode = lotCode;
        RegionCode = regionCode;
        Start = start;
        End = end;
        StrategicPartner = strategicPartner;
        TenderId = tenderId;
    }

    public int Id { get; private set; }
    public string Reference { get; private set; }
    public int ProviderId { get; private set; }
    public int? TenderId { get; private set; }
    public string LotCode { get; private set; }
    public string RegionCode { get; private set; }
    public DateOnly Start { get; private set; }
    public DateOnly End { get; private set; }
    public bool StrategicPartner { get; private set; }
    public DateOnly? SignedOn { get; private set; }
    public IReadOnlyList<AgreementCeiling> Ceilings => _ceilings;
    public IReadOnlyList<AgreementAmendment> Amendments => _amendments;

    /// <summary>When the agreement was ended early, by the decision named in its last amendment.</summary>
    public DateOnly? EndedOn { get; private set; }

    public DateOnly FirstEvaluationDue => Start.AddYears(3);
    public DateOnly SecondEvaluationDue => Start.AddYears(6);

    public bool IsActiveOn(DateOnly date) => date >= Start && date <= End;

    public void SetCeiling(int year, long amountCents)
    {
        if (year < Start.Year || year > End.Year) throw new DomainException($"Jaar {year} valt buiten de looptijd van {Reference}.");
        if (amountCents < 0) throw new DomainException("Een omzetplafond kan niet negatief zijn.");
        var existing = _ceilings.FirstOrDefault(c => c.Year == year);
        if (existing is null) _ceilings.Add(new AgreementCeiling(year, amountCents));
        else existing.AmountCents = amountCents;
    }

    public long? CeilingFor(int year) => _ceilings.FirstOrDefault(c => c.Year == year)?.AmountCents;

    /// <summary>An evaluation decided to amend: from <paramref name="from"/> each year's ceiling is the new amount, recorded with the decision.</summary>
    public AgreementAmendment Amend(DateOnly from, long yearlyCeilingCents, string decisionReference, DateOnly decidedOn)
    {
        if (EndedOn is not null) throw new DomainException($"Overeenkomst {Reference} is beëindigd; bijstellen kan niet meer.");
        if (from < Start || from > End) throw new DomainException($"De bijstelling gaat in binnen de looptijd van {Reference} ({Nl.Date(Start)} tot en met {Nl.Date(End)}).");
        if (from < decidedOn) throw new DomainException("Een bijstelling gaat niet in vóór het besluit.");
        if (yearlyCeilingCents <= 0) throw new DomainException("Een bijgesteld omzetplafond is een positief bedrag.");
        for (var year = from.Year; year <= End.Year; year++) SetCeiling(year, yearlyCeilingCents);
        var amendment = new AgreementAmendment(from, yearlyCeilingCents, decisionReference, AmendmentKind.Ceilings);
        _amendments.Add(amendment);
        return amendment;
    }

    /// <summary>An evaluation decided to end the partnership on <paramref name="on"/>; the years after it lose their ceiling.</summary>
    public AgreementAmendment Terminate(DateOnly on, string decisionReference, DateOnly decidedOn)
    {
        if (EndProblem(on, decidedOn) is { } problem) throw new DomainException(problem);
        EndedOn = on;
        End = on;
        _ceilings.RemoveAll(c => c.Year > on.Year);
        var amendment = new AgreementAmendment(on, 0, decisionReference, AmendmentKind.Termination);
        _amendments.Add(amendment);
        return amendment;
    }

    /// <summary>Why the agreement cannot end on <paramref name="on"/> when decided on <paramref name="decidedOn"/>, or null.</summary>
    public string? EndProblem(DateOnly on, DateOnly decidedOn) =>
        EndedOn is { } ended ? $"Overeenkomst {Reference} is al beëindigd op {Nl.Date(ended)}."
        : on < decidedOn || on > End ? $"Beëindigen kan vanaf het besluit tot het einde van de looptijd ({Nl.Date(End)})."
        : null;

    public void Sign(DateOnly on)
    {
        if (SignedOn is not null) throw new DomainException($"Overeenkomst {Reference} is al ondertekend.");
        SignedOn = on;
    }
}

public enum AmendmentKind { Ceilings, Termination }

/// <summary>A change to an agreement after an evaluation: new ceilings from a date, or its end, with the decision that took it.</summary>
public class AgreementAmendment
{
    private AgreementAmendment() { DecisionReference = ""; }
    internal AgreementAmendment(DateOnly from, long yearlyCeilingCents, string decisionReference, AmendmentKind kind)
    {
        EffectiveFrom = from; YearlyCeilingCents = yearlyCeilingCents; DecisionReference = decisionReference; Kind = kind;
    }
    public int Id { get; private set; }
    public DateOnly EffectiveFrom { get; private set; }
    public long YearlyCeilingCents { get; private set; }
    public string DecisionReference { get; private set; }
    public AmendmentKind Kind { get; private set; }
}

public class AgreementCeiling
{
    private AgreementCeiling() { }
    internal AgreementCeiling(int year, long amountCents) { Year = year; AmountCents = amountCents; }
    public int Id { get; private set; }
    public int Year { get; private set; }
    public long AmountCents { get; internal set; }
}
