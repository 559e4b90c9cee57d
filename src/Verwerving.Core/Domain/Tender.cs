namespace Verwerving.Domain;

public enum TenderPhase { Preparation, Announced, Selection, Dialogue, FinalBids, Assessment, IntendedAward, Standstill, Awarded, Contracted, Withdrawn }

/// <summary>A dialogue-based tender (001 §1.2) with its lots and candidates.</summary>
public class Tender : Versioned
{
    private readonly List<Candidate> _candidates = [];
    private readonly List<TenderLot> _lots = [];
    private readonly List<DialogueRound> _rounds = [];

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
    public IReadOnlyList<DialogueRound> Rounds => _rounds;

    /// <summary>Award criteria with their weights in percent, as "prijs:30;kwaliteit:70"; empty until set.</summary>
    public string AwardCriteria { get; private set; } = "";

    public IReadOnlyDictionary<string, int> CriteriaWeights => AwardCriteria.Length == 0
        ? new Dictionary<string, int>()
        : AwardCriteria.Split(';').Select(p => p.Split(':')).ToDictionary(p => p[0], p => int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Records the weights as published; whether they add up to 100 is for the procurement rules to judge.</summary>
    public void SetAwardCriteria(IReadOnlyDictionary<string, int> weights)
    {
        if (weights.Count == 0) throw new DomainException("Noem ten minste één gunningscriterium.");
        if (weights.Any(w => w.Value < 0 || w.Key.Contains(':') || w.Key.Contains(';')))
            throw new DomainException("Een gunningscriterium heeft een naam zonder ':' of ';' en een niet-negatief gewicht.");
        AwardCriteria = string.Join(';', weights.Select(w => $"{w.Key}:{w.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}"));
    }

    public DialogueRound RecordRound(string theme, DateOnly heldOn, int providersPresent, bool youthAndParentsPresent,
        bool partnersPresent, bool informationSharedWithAll, string agreements)
    {
        if (Phase != TenderPhase.Dialogue) throw new DomainException("Een dialoogronde wordt vastgelegd tijdens de dialoogfase.");
        if (string.IsNullOrWhiteSpace(theme)) throw new DomainException("Een dialoogronde heeft een thema.");
        var round = new DialogueRound(_rounds.Count + 1, theme, heldOn, providersPresent, youthAndParentsPresent, partnersPresent, informationSharedWithAll, agreements);
        _rounds.Add(round);
        return round;
    }

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

    /// <summary>The PHO decision that took the intended award, whose approvals the open-contracting export shows.</summary>
    public string? AwardDecisionReference { get; private set; }

    public void LinkAwardDecision(string reference) => AwardDecisionReference = reference;

    public void DecideIntendedAward(DateOnly on)
    {
        IntendedAwardOn = on;
        Phase = TenderPhase.IntendedAward;
    }
}

/// <summary>A round of the dialogue (001 §1.2): a theme, who took part, and what was agreed.</summary>
public class DialogueRound
{
    private DialogueRound() { Theme = Agreements = ""; }

    internal DialogueRound(int number, string theme, DateOnly heldOn, int providersPresent, bool youthAndParentsPresent,
        bool partnersPresent, bool informationSharedWithAll, string agreements)
    {
        Number = number;
        Theme = theme;
        HeldOn = heldOn;
        ProvidersPresent = providersPresent;
        YouthAndParentsPresent = youthAndParentsPresent;
        PartnersPresent = partnersPresent;
        InformationSharedWithAll = informationSharedWithAll;
        Agreements = agreements;
    }

    public int Id { get; private set; }
    public int Number { get; private set; }
    public string Theme { get; private set; }
    public DateOnly HeldOn { get; private set; }
    public int ProvidersPresent { get; private set; }
    public bool YouthAndParentsPresent { get; private set; }
    public bool PartnersPresent { get; private set; }

    /// <summary>Whether the answers and documents of this round went to every candidate (equal treatment).</summary>
    public bool InformationSharedWithAll { get; private set; }
    public string Agreements { get; private set; }
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
