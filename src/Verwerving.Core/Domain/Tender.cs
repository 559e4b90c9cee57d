using System.Globalization;
using Verwerving.Text;

namespace Verwerving.Domain;

public enum TenderPhase { Preparation, Announced, Selection, Dialogue, FinalBids, Assessment, IntendedAward, Standstill, Awarded, Contracted, Withdrawn }

/// <summary>
/// A dialogue-based tender (001 §1.2): the councils adopt the frame, candidates are admitted, dialogue rounds are held,
/// bids come in per lot and are scored, the PHO decides on the award proposal, the award decision is sent and after the
/// standstill the award is made final. Every step checks its own phase and invariants; a workflow only drives it.
/// </summary>
public class Tender : Versioned
{
    private readonly List<Candidate> _candidates = [];
    private readonly List<TenderLot> _lots = [];
    private readonly List<DialogueRound> _rounds = [];
    private readonly List<FrameAdoption> _adoptions = [];
    private readonly List<Bid> _bids = [];

    private Tender() { Reference = Title = RegionCode = ""; }

    public Tender(string reference, string title, string regionCode)
    {
        if (string.IsNullOrWhiteSpace(reference)) throw new DomainException("Een aanbesteding heeft een kenmerk nodig.");
        Reference = reference;
        Title = string.IsNullOrWhiteSpace(title) ? reference : title;
        RegionCode = regionCode;
        Phase = TenderPhase.Preparation;
    }

    public int Id { get; private set; }
    public string Reference { get; private set; }
    public string Title { get; private set; }
    public string RegionCode { get; private set; }
    public TenderPhase Phase { get; private set; }
    public DateOnly? IntendedAwardOn { get; private set; }

    /// <summary>When the award decision went to every bidder; the standstill runs from the next day (Aanbestedingswet 2012 art. 2.127).</summary>
    public DateOnly? AwardDecisionSentOn { get; private set; }
    public DateOnly? AwardedOn { get; private set; }
    public string? WithdrawalReason { get; private set; }
    public IReadOnlyList<Candidate> Candidates => _candidates;
    public IReadOnlyList<TenderLot> Lots => _lots;
    public IReadOnlyList<DialogueRound> Rounds => _rounds;
    public IReadOnlyList<FrameAdoption> Adoptions => _adoptions;
    public IReadOnlyList<Bid> Bids => _bids;

    /// <summary>Award criteria with their weights in percent, as "prijs:30;kwaliteit:70"; empty until set.</summary>
    public string AwardCriteria { get; private set; } = "";

    public IReadOnlyDictionary<string, int> CriteriaWeights => AwardCriteria.Length == 0
        ? new Dictionary<string, int>()
        : AwardCriteria.Split(';').Select(p => p.Split(':')).ToDictionary(p => p[0], p => int.Parse(p[1], CultureInfo.InvariantCulture));

    /// <summary>Records the weights as published; whether they add up to 100 is for the procurement rules to judge.</summary>
    public void SetAwardCriteria(IReadOnlyDictionary<string, int> weights)
    {
        if (weights.Count == 0) throw new DomainException("Noem ten minste één gunningscriterium.");
        if (weights.Any(w => w.Value < 0 || w.Key.Contains(':') || w.Key.Contains(';') || w.Key.Contains('=')))
            throw new DomainException("Een gunningscriterium heeft een naam zonder ':', ';' of '=' en een niet-negatief gewicht.");
        AwardCriteria = string.Join(';', weights.Select(w => $"{w.Key}:{w.Value.ToString(CultureInfo.InvariantCulture)}"));
    }

    public int AdmittedCandidates => _candidates.Count(c => c.Admitted);

    public void AddLot(string lotCode, long estimatedValueCents)
    {
        if (_lots.Any(l => l.LotCode == lotCode)) throw new DomainException($"Perceel {lotCode} is al onderdeel van deze aanbesteding.");
        if (estimatedValueCents < 0) throw new DomainException("Een geraamde waarde kan niet negatief zijn.");
        _lots.Add(new TenderLot(lotCode, estimatedValueCents));
    }

    // ---- the frame ----

    /// <summary>A council adopts the frame (the regional vision) once; a second adoption by the same council is refused.</summary>
    public FrameAdoption RecordFrameAdoption(string municipalityCode, string municipalityName, DateOnly on)
    {
        Require(TenderPhase.Preparation, "Het kader wordt vastgesteld in de voorbereiding");
        if (_adoptions.FirstOrDefault(a => a.MunicipalityCode == municipalityCode) is { } earlier)
            throw new DomainException($"De raad van {municipalityName} heeft het kader al vastgesteld op {Nl.Date(earlier.AdoptedOn)}; dat telt één keer.");
        var adoption = new FrameAdoption(municipalityCode, on);
        _adoptions.Add(adoption);
        return adoption;
    }

    /// <summary>Why the tender cannot be announced yet: the councils of <paramref name="municipalities"/> (code, name) that did not adopt the frame.</summary>
    public string? CannotAnnounce(IReadOnlyCollection<(string Code, string Name)> municipalities)
    {
        if (Phase != TenderPhase.Preparation) return PhaseProblem("Aankondigen kan alleen vanuit de voorbereiding");
        var missing = municipalities.Where(m => _adoptions.All(a => a.MunicipalityCode != m.Code)).Select(m => m.Name).ToList();
        return missing.Count == 0 ? null
            : $"Het kader is vastgesteld door {municipalities.Count - missing.Count} van de {municipalities.Count} raden; nog niet door {string.Join(", ", missing)}.";
    }

    public void Announce(IReadOnlyCollection<(string Code, string Name)> municipalities)
    {
        if (CannotAnnounce(municipalities) is { } problem) throw new DomainException(problem);
        Phase = TenderPhase.Announced;
    }

    public void OpenSelection()
    {
        Require(TenderPhase.Announced, "De selectie opent na de aankondiging");
        Phase = TenderPhase.Selection;
    }

    // ---- candidates ----

    public Candidate AdmitCandidate(int providerId, string providerName)
    {
        var candidate = Register(providerId, providerName);
        candidate.Admit();
        return candidate;
    }

    public Candidate RefuseCandidate(int providerId, string providerName, string reason)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("Een afwijzing van een gegadigde heeft een reden.");
        var candidate = Register(providerId, providerName);
        candidate.Refuse(reason);
        return candidate;
    }

    /// <summary>Kept for older data: a provider that applied and waits for the selection.</summary>
    public Candidate Apply(int providerId)
    {
        if (Phase is not (TenderPhase.Announced or TenderPhase.Selection))
            throw new DomainException("Aanmelden kan alleen na de aankondiging en tijdens de selectie.");
        if (_candidates.Any(c => c.ProviderId == providerId)) throw new DomainException("Deze aanbieder heeft zich al aangemeld.");
        var candidate = new Candidate(providerId);
        _candidates.Add(candidate);
        return candidate;
    }

    private Candidate Register(int providerId, string providerName)
    {
        if (Phase is not (TenderPhase.Announced or TenderPhase.Selection))
            throw new DomainException($"Gegadigden worden toegelaten of afgewezen tijdens de selectie; de aanbesteding is in de fase {Nl.TenderPhase(Phase)}.");
        if (_candidates.FirstOrDefault(c => c.ProviderId == providerId) is { } known)
            throw new DomainException(known.Admitted
                ? $"{providerName} is al toegelaten als gegadigde; een tweede toelating telt niet."
                : $"{providerName} is al afgewezen als gegadigde.");
        var candidate = new Candidate(providerId);
        _candidates.Add(candidate);
        return candidate;
    }

    /// <summary>The admitted candidates join the dialogue; whether there are enough is for the procurement rules (art. 2.32).</summary>
    public void StartDialogue()
    {
        Require(TenderPhase.Selection, "De dialoog begint na de selectie");
        foreach (var c in _candidates.Where(c => c.Admitted)) c.JoinDialogue();
        Phase = TenderPhase.Dialogue;
    }

    // ---- the dialogue ----

    public DialogueRound RecordRound(string theme, DateOnly heldOn, int providersPresent, bool youthAndParentsPresent,
        bool partnersPresent, bool informationSharedWithAll, string agreements) =>
        RecordRound(theme, heldOn, providersPresent, [], youthAndParentsPresent, partnersPresent, informationSharedWithAll, agreements, "");

    /// <summary>A round with its participants (provider ids; none given means every candidate in the dialogue) and its minutes.</summary>
    public DialogueRound RecordRound(string theme, DateOnly heldOn, IReadOnlyCollection<int> participants, bool youthAndParentsPresent,
        bool partnersPresent, bool informationSharedWithAll, string agreements, string minutes)
    {
        var inDialogue = _candidates.Where(c => c.InDialogue).Select(c => c.ProviderId).ToList();
        if (participants.Any(p => !inDialogue.Contains(p)))
            throw new DomainException("Aan een dialoogronde nemen alleen gegadigden deel die tot de dialoog zijn toegelaten.");
        var present = participants.Count == 0 ? inDialogue : participants.Distinct().ToList();
        return RecordRound(theme, heldOn, present.Count, present, youthAndParentsPresent, partnersPresent, informationSharedWithAll, agreements, minutes);
    }

    private DialogueRound RecordRound(string theme, DateOnly heldOn, int providersPresent, IReadOnlyCollection<int> participants, bool youthAndParentsPresent,
        bool partnersPresent, bool informationSharedWithAll, string agreements, string minutes)
    {
        if (Phase != TenderPhase.Dialogue) throw new DomainException("Een dialoogronde wordt vastgelegd tijdens de dialoogfase.");
        if (string.IsNullOrWhiteSpace(theme)) throw new DomainException("Een dialoogronde heeft een thema.");
        var round = new DialogueRound(_rounds.Count + 1, theme, heldOn, providersPresent, youthAndParentsPresent, partnersPresent, informationSharedWithAll,
            agreements, string.Join(',', participants.Order()), minutes);
        _rounds.Add(round);
        return round;
    }

    public void CloseDialogue()
    {
        Require(TenderPhase.Dialogue, "De dialoog wordt afgesloten tijdens de dialoogfase");
        if (_rounds.Count == 0) throw new DomainException("Er is nog geen dialoogronde gehouden.");
        Phase = TenderPhase.FinalBids;
    }

    // ---- bids ----

    /// <summary>A bid per lot, from a candidate that took part in the dialogue; the amount is per year.</summary>
    public Bid ReceiveBid(int providerId, string providerName, string? lotCode, long amountCents, DateOnly on)
    {
        Require(TenderPhase.FinalBids, "Inschrijvingen komen binnen na de dialoog, tot de inschrijving sluit");
        if (_candidates.FirstOrDefault(c => c.ProviderId == providerId) is not { InDialogue: true })
            throw new DomainException($"{providerName} nam niet deel aan de dialoog en kan niet inschrijven (Aanbestedingswet 2012 art. 2.31).");
        var lot = LotFor(lotCode);
        if (amountCents <= 0) throw new DomainException("Een inschrijving heeft een positief bedrag.");
        if (_bids.Any(b => b.ProviderId == providerId && b.LotCode == lot))
            throw new DomainException($"{providerName} heeft al ingeschreven op perceel {lot}.");
        var bid = new Bid(providerId, lot, amountCents, on);
        _bids.Add(bid);
        return bid;
    }

    public void CloseBids()
    {
        Require(TenderPhase.FinalBids, "De inschrijving sluit na de dialoog");
        if (_bids.Count == 0) throw new DomainException("Er is nog geen inschrijving ontvangen.");
        Phase = TenderPhase.Assessment;
    }

    /// <summary>Scores a bid on every published award criterion (0 to 10).</summary>
    public void ScoreBid(int providerId, string providerName, string? lotCode, IReadOnlyDictionary<string, decimal> scores)
    {
        Require(TenderPhase.Assessment, "Inschrijvingen worden beoordeeld in de beoordelingsfase");
        var lot = LotFor(lotCode);
        var bid = _bids.FirstOrDefault(b => b.ProviderId == providerId && b.LotCode == lot)
                  ?? throw new DomainException($"{providerName} heeft niet ingeschreven op perceel {lot}.");
        var criteria = CriteriaWeights.Keys.ToHashSet();
        if (criteria.Count == 0) throw new DomainException("Er zijn nog geen gunningscriteria vastgesteld.");
        if (!criteria.SetEquals(scores.Keys))
            throw new DomainException($"Geef een score op elk gunningscriterium en alleen daarop: {string.Join(", ", criteria.Order(StringComparer.Ordinal))}.");
        if (scores.Values.Any(s => s is < 0 or > 10)) throw new DomainException("Een score ligt tussen 0 en 10.");
        bid.Score(scores);
    }

    /// <summary>The weighted score of a bid (0 to 10), or null while it is not scored.</summary>
    public decimal? WeightedScore(Bid bid)
    {
        var weights = CriteriaWeights;
        var total = weights.Values.Sum();
        if (bid.Scores.Count == 0 || total == 0) return null;
        return Math.Round(weights.Sum(w => bid.Scores.GetValueOrDefault(w.Key) * w.Value) / total, 2);
    }

    /// <summary>Per lot the bid with the highest weighted score is proposed for award; every bid must be scored and a tie decided by hand.</summary>
    public void ProposeAward()
    {
        Require(TenderPhase.Assessment, "Een gunningsvoorstel volgt op de beoordeling");
        if (_bids.Count == 0) throw new DomainException("Er is geen inschrijving om voor te stellen.");
        if (_bids.Where(b => b.Scores.Count == 0).Select(b => b.LotCode).Distinct().ToList() is { Count: > 0 } open)
            throw new DomainException($"Nog niet elke inschrijving is beoordeeld (perceel {string.Join(", ", open)}).");
        foreach (var lot in _bids.GroupBy(b => b.LotCode))
        {
            var ranked = lot.OrderByDescending(b => WeightedScore(b)).ToList();
            if (ranked.Count > 1 && WeightedScore(ranked[0]) == WeightedScore(ranked[1]))
                throw new DomainException($"Op perceel {lot.Key} scoren twee inschrijvingen gelijk; pas de beoordeling aan.");
            foreach (var b in lot) b.Propose(b == ranked[0]);
        }
        Phase = TenderPhase.IntendedAward;
    }

    public void BackToAssessment()
    {
        Require(TenderPhase.IntendedAward, "Terug naar de beoordeling kan vanuit de voorgenomen gunning");
        foreach (var b in _bids) b.Propose(false);
        IntendedAwardOn = null;
        AwardDecisionReference = null;
        Phase = TenderPhase.Assessment;
    }

    /// <summary>The PHO decision that took the intended award, whose approvals the open-contracting export shows.</summary>
    public string? AwardDecisionReference { get; private set; }

    public void LinkAwardDecision(string reference) => AwardDecisionReference = reference;

    /// <summary>The PHO decided on the proposal (on older data the phase moves with it).</summary>
    public void DecideIntendedAward(DateOnly on)
    {
        if (Phase is not (TenderPhase.IntendedAward or TenderPhase.FinalBids or TenderPhase.Assessment))
            throw new DomainException($"Over een gunningsvoorstel besluit het PHO in de voorgenomen gunning; de aanbesteding is in de fase {Nl.TenderPhase(Phase)}.");
        IntendedAwardOn = on;
        Phase = TenderPhase.IntendedAward;
    }

    /// <summary>The award decision went to every bidder on <paramref name="on"/>; the standstill starts the day after.</summary>
    public void SendAwardDecision(DateOnly on, DateOnly today)
    {
        Require(TenderPhase.IntendedAward, "De gunningsbeslissing wordt verzonden na het besluit over de voorgenomen gunning");
        if (IntendedAwardOn is not { } decided) throw new DomainException("Het PHO heeft nog niet besloten over de voorgenomen gunning.");
        if (on < decided) throw new DomainException($"De gunningsbeslissing kan niet vóór het besluit van {Nl.Date(decided)} zijn verzonden.");
        if (on > today) throw new DomainException("Een verzenddatum ligt niet in de toekomst.");
        AwardDecisionSentOn = on;
        Phase = TenderPhase.Standstill;
    }

    /// <summary>The last day of the standstill: <paramref name="days"/> calendar days from the day after sending.</summary>
    public DateOnly? StandstillEndsOn(int days) => AwardDecisionSentOn?.AddDays(days);

    /// <summary>Final award; the standstill itself is judged by the procurement rules (art. 2.127), which the workflow asks first.</summary>
    public IReadOnlyList<Bid> Award(DateOnly on)
    {
        Require(TenderPhase.Standstill, "Definitief gunnen kan na de standstilltermijn");
        if (AwardDecisionSentOn is null) throw new DomainException("De gunningsbeslissing is nog niet verzonden.");
        AwardedOn = on;
        Phase = TenderPhase.Awarded;
        return _bids.Where(b => b.Proposed).ToList();
    }

    public void MarkContracted()
    {
        Require(TenderPhase.Awarded, "Ondertekenen volgt op de definitieve gunning");
        Phase = TenderPhase.Contracted;
    }

    public void Withdraw(string reason)
    {
        if (Phase is TenderPhase.Withdrawn) throw new DomainException("De aanbesteding is al ingetrokken.");
        if (Phase >= TenderPhase.Awarded)
            throw new DomainException($"Na de gunning kan de aanbesteding niet meer worden ingetrokken (fase {Nl.TenderPhase(Phase)}); de overeenkomsten lopen.");
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("Intrekken vraagt een reden.");
        WithdrawalReason = reason;
        Phase = TenderPhase.Withdrawn;
    }

    /// <summary>For data recorded before the workflow drove the tender (the demo's 2022 tender).</summary>
    public void MoveTo(TenderPhase phase)
    {
        if (Phase is TenderPhase.Withdrawn or TenderPhase.Contracted)
            throw new DomainException($"De aanbesteding is al afgerond ({Nl.TenderPhase(Phase)}).");
        if (phase == TenderPhase.Withdrawn && Phase >= TenderPhase.Awarded)
            throw new DomainException("Na de gunning kan de aanbesteding niet meer worden ingetrokken.");
        Phase = phase;
    }

    /// <summary>A bid of a tender held before the workflow drove it, as its records show it: scored, and awarded or not.</summary>
    public Bid RecordHistoricBid(int providerId, string lotCode, long amountCents, DateOnly on, IReadOnlyDictionary<string, decimal> scores, bool proposed)
    {
        var bid = new Bid(providerId, lotCode, amountCents, on);
        bid.Score(scores);
        bid.Propose(proposed);
        _bids.Add(bid);
        return bid;
    }

    private string LotFor(string? lotCode)
    {
        if (string.IsNullOrWhiteSpace(lotCode))
            return _lots.Count == 1 ? _lots[0].LotCode : throw new DomainException($"Noem het perceel ({string.Join(", ", _lots.Select(l => l.LotCode))}).");
        return _lots.Any(l => l.LotCode == lotCode) ? lotCode
            : throw new DomainException($"Perceel {lotCode} hoort niet bij deze aanbesteding (percelen: {string.Join(", ", _lots.Select(l => l.LotCode))}).");
    }

    private void Require(TenderPhase phase, string what)
    {
        if (Phase != phase) throw new DomainException(PhaseProblem(what));
    }

    private string PhaseProblem(string what) => $"{what}; de aanbesteding is in de fase {Nl.TenderPhase(Phase)}.";
}

/// <summary>A council's adoption of the tender's frame (the regional vision), once per municipality.</summary>
public class FrameAdoption
{
    private FrameAdoption() { MunicipalityCode = ""; }
    internal FrameAdoption(string municipalityCode, DateOnly on) { MunicipalityCode = municipalityCode; AdoptedOn = on; }
    public int Id { get; private set; }
    public string MunicipalityCode { get; private set; }
    public DateOnly AdoptedOn { get; private set; }
}

/// <summary>A round of the dialogue (001 §1.2): a theme, who took part, and what was agreed.</summary>
public class DialogueRound
{
    private DialogueRound() { Theme = Agreements = ParticipantsText = Minutes = ""; }

    internal DialogueRound(int number, string theme, DateOnly heldOn, int providersPresent, bool youthAndParentsPresent,
        bool partnersPresent, bool informationSharedWithAll, string agreements, string participants, string minutes)
    {
        Number = number;
        Theme = theme;
        HeldOn = heldOn;
        ProvidersPresent = providersPresent;
        YouthAndParentsPresent = youthAndParentsPresent;
        PartnersPresent = partnersPresent;
        InformationSharedWithAll = informationSharedWithAll;
        Agreements = agreements;
        ParticipantsText = participants;
        Minutes = minutes;
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

    /// <summary>The provider ids of the candidates present, comma-separated (empty on older data).</summary>
    public string ParticipantsText { get; private set; }
    public IReadOnlyList<int> Participants => ParticipantsText.Length == 0 ? [] : ParticipantsText.Split(',').Select(int.Parse).ToList();

    /// <summary>What was discussed, as the contract manager wrote it down.</summary>
    public string Minutes { get; private set; }
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
    public string? RefusalReason { get; private set; }

    public void Admit() => Admitted = true;

    internal void Refuse(string reason) => RefusalReason = reason;

    public void JoinDialogue()
    {
        if (!Admitted) throw new DomainException("Alleen toegelaten gegadigden nemen deel aan de dialoog.");
        InDialogue = true;
    }
}

/// <summary>A bid on one lot: a yearly amount, the scores per award criterion, and whether it is proposed for award.</summary>
public class Bid
{
    private Bid() { LotCode = ScoresText = ""; }
    internal Bid(int providerId, string lotCode, long amountCents, DateOnly on)
    {
        ProviderId = providerId; LotCode = lotCode; AmountCents = amountCents; ReceivedOn = on; ScoresText = "";
    }
    public int Id { get; private set; }
    public int ProviderId { get; private set; }
    public string LotCode { get; private set; }

    /// <summary>Euro cents per year; the agreement's yearly ceilings follow from it.</summary>
    public long AmountCents { get; private set; }
    public DateOnly ReceivedOn { get; private set; }

    /// <summary>"kwaliteit:8;prijs:7.5"; empty until scored.</summary>
    public string ScoresText { get; private set; }
    public bool Proposed { get; private set; }

    public IReadOnlyDictionary<string, decimal> Scores => ScoresText.Length == 0 ? new Dictionary<string, decimal>()
        : ScoresText.Split(';').Select(p => p.Split(':')).ToDictionary(p => p[0], p => decimal.Parse(p[1], CultureInfo.InvariantCulture));

    internal void Score(IReadOnlyDictionary<string, decimal> scores) =>
        ScoresText = string.Join(';', scores.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}:{s.Value.ToString(CultureInfo.InvariantCulture)}"));

    internal void Propose(bool proposed) => Proposed = proposed;
}
