namespace Verwerving.Domain;

/// <summary>
/// A cooperation agreement with a provider. Strategic partnerships run nine years and are
/// evaluated after three and six years (001 §8.1).
/// </summary>
public class Agreement : Versioned
{
    public const int StrategicTermYears = 9;
    private readonly List<AgreementCeiling> _ceilings = [];

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

    public void Sign(DateOnly on)
    {
        if (SignedOn is not null) throw new DomainException($"Overeenkomst {Reference} is al ondertekend.");
        SignedOn = on;
    }
}

public class AgreementCeiling
{
    private AgreementCeiling() { }
    internal AgreementCeiling(int year, long amountCents) { Year = year; AmountCents = amountCents; }
    public int Id { get; private set; }
    public int Year { get; private set; }
    public long AmountCents { get; internal set; }
}
