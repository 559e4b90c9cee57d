namespace Verwerving.Domain;

public enum TenderPhase { Preparation, Announced, Selection, Dialogue, FinalBids, Assessment, IntendedAward, Standstill, Awarded, Contracted, Withdrawn }

/// <summary>A dialogue-based tender (001 §1.2) with its lots and candidates.</summary>
public class Tender : Versioned
{
    private readonly List<Candidate> _candidates = [];
    private readonly List<TenderLot> _lots = [];

    private Tender() { Reference = Title = RegionCode = ""; }

    public Tender(string reference, string title, string regionCode)
    {
        if (string.IsNullOrWhiteSpace(reference)) throw new DomainException("Een aanbesteding heeft een kenmerk nodig.");
        Reference = reference;
        Title = title;
        RegionCode = regionCode;
        Phase = TenderPhase.Preparation;
    }

    public int Id { get; private set; }
    public string Reference { get; private set; }
    public string Title { get; private set; }
    public string RegionCode { get; private set; }
    public TenderPhase Phase { get; private set; }
    public DateOnly? IntendedAwardOn { get; private set; }
    public IReadOnlyList<Candidate> Candidates => _candidates;
    public IReadOnlyList<TenderLot> Lots => _lots;

    public int AdmittedCandidates => _candidates.Count(c => c.Admitted);

    public void AddLot(string lotCode, long estimatedValueCents)
    {
        if (_lots.Any(l => l.LotCode == lotCode)) throw new DomainException($"Perceel {lotCode} is al onderdeel van deze aanbesteding.");
        if (estimatedValueCents < 0) throw new DomainException("Een geraamde waarde kan niet negatief zijn.");
        _lots.Add(new TenderLot(lotCode, estimatedValueCents));
    }

    public Candidate Apply(int providerId)
    {
        if (Phase is not (TenderPhase.Announced or TenderPhase.Selection))
            throw new DomainException("Aanmelden kan alleen na de aankondiging en tijdens de selectie.");
        if (_candidates.Any(c => c.ProviderId == providerId)) throw new DomainException("Deze aanbieder heeft zich al aangemeld.");
        var candidate = new Candidate(providerId);
        _candidates.Add(candidate);
        return candidate;
    }

    public void MoveTo(TenderPhase phase)
    {
        if (Phase is TenderPhase.Withdrawn or TenderPhase.Contracted)
            throw new DomainException($"De aanbesteding is al afgerond ({Phase}).");
        if (phase == TenderPhase.Withdrawn && Phase >= TenderPhase.Awarded)
            throw new DomainException("Na de gunning kan de aanbesteding niet meer worden ingetrokken.");
        Phase = phase;
    }

    public void DecideIntendedAward(DateOnly on)
    {
        IntendedAwardOn = on;
        Phase = TenderPhase.IntendedAward;
    }
}

public class TenderLot
{
    private TenderLot() { LotCode = ""; }
    internal TenderLot(string lotCode, long estimatedValueCents) { LotCode = lotCode; EstimatedValueCents = estimatedValueCents; }
    public int Id { get; private set; }
    public string LotCode { get; private set; }
    public long EstimatedValueCents { get; private set; }
}

public class Candidate
{
    private Candidate() { }
    internal Candidate(int providerId) { ProviderId = providerId; }
    public int Id { get; private set; }
    public int ProviderId { get; private set; }
    public bool Admitted { get; private set; }
    public bool InDialogue { get; private set; }
    public long? BidCents { get; private set; }

    public void Admit() => Admitted = true;

    public void JoinDialogue()
    {
        if (!Admitted) throw new DomainException("Alleen toegelaten gegadigden nemen deel aan de dialoog.");
        InDialogue = true;
    }

    public void SubmitBid(long cents)
    {
        if (!InDialogue) throw new DomainException("Alleen deelnemers aan de dialoog mogen inschrijven.");
        if (cents <= 0) throw new DomainException("Een inschrijving heeft een positief bedrag.");
        BidCents = cents;
    }
}
