using Verwerving.Text;

namespace Verwerving.Domain;

public enum EvaluationOutcome { Continue, Amend, End }

/// <summary>
/// The evaluation of a strategic partnership after 3 or 6 years (001 §8.1, §8.2): the dialogue with the partner about the report,
/// the core team's proposal (continue, amend with new ceilings from a date, or end on a date) and the PHO's decision on it.
/// The workflow drives it; the report, the rules and the partnership read it here.
/// </summary>
public class Evaluation
{
    private Evaluation() { Key = AgreementReference = ""; }

    public Evaluation(string key, Agreement agreement, int round, DateOnly startedOn)
    {
        if (round is not (1 or 2)) throw new DomainException("Een strategisch partnerschap wordt geëvalueerd na 3 jaar (ronde 1) en na 6 jaar (ronde 2).");
        if (!agreement.StrategicPartner) throw new DomainException($"Overeenkomst {agreement.Reference} is geen strategisch partnerschap; alleen die worden geëvalueerd.");
        if (agreement.EndedOn is { } ended) throw new DomainException($"Overeenkomst {agreement.Reference} is beëindigd op {Nl.Date(ended)}.");
        Key = key;
        AgreementId = agreement.Id;
        AgreementReference = agreement.Reference;
        Round = round;
        Due = agreement.Start.AddYears(YearsAfter(round));
        StartedOn = startedOn;
    }

    public int Id { get; private set; }

    /// <summary>The key the workflow runs on: the agreement's reference, '/' and the round (<c>…/evaluatie-3j</c>).</summary>
    public string Key { get; private set; }
    public int AgreementId { get; private set; }
    public string AgreementReference { get; private set; }
    public int Round { get; private set; }
    public int AfterYears => YearsAfter(Round);

    /// <summary>The first evaluation comes after 3 years, the second after 6 (001 §8.1).</summary>
    public static int YearsAfter(int round) => 3 * round;
    public DateOnly Due { get; private set; }
    public DateOnly StartedOn { get; private set; }

    public DateOnly? DialogueHeldOn { get; private set; }
    public string? PartnerResponse { get; private set; }

    public EvaluationOutcome? Proposed { get; private set; }
    public long? NewCeilingCents { get; private set; }
    public DateOnly? EffectiveOn { get; private set; }

    public string? DecisionReference { get; private set; }
    public DateOnly? DecidedOn { get; private set; }
    public EvaluationOutcome? Outcome { get; private set; }

    public void RecordDialogue(DateOnly heldOn, string? partnerResponse, DateOnly today)
    {
        EnsureOpen();
        if (heldOn > today) throw new DomainException($"De dialoog wordt vastgelegd als hij is gevoerd; {Nl.Date(heldOn)} ligt in de toekomst.");
        if (heldOn < StartedOn) throw new DomainException($"De dialoog ligt niet vóór de start van de evaluatie ({Nl.Date(StartedOn)}).");
        DialogueHeldOn = heldOn;
        PartnerResponse = string.IsNullOrWhiteSpace(partnerResponse) ? null : partnerResponse.Trim();
    }

    /// <summary>The core team's proposal; sent back by the PHO, it proposes again and the last proposal counts.</summary>
    public void Propose(EvaluationOutcome outcome, long? newCeilingCents, DateOnly? effectiveOn, DateOnly today, DateOnly agreementEnd)
    {
        EnsureOpen();
        switch (outcome)
        {
            case EvaluationOutcome.Amend when newCeilingCents is not > 0 || effectiveOn is null:
                throw new DomainException("Bij bijstellen horen het nieuwe omzetplafond per jaar en de datum waarop het ingaat.");
            case EvaluationOutcome.End when effectiveOn is null:
                throw new DomainException("Bij beëindigen hoort de datum waarop de overeenkomst eindigt.");
            case EvaluationOutcome.Continue:
                newCeilingCents = null;
                effectiveOn = null;
                break;
            case EvaluationOutcome.End:
                newCeilingCents = null;
                break;
        }
        if (effectiveOn is { } on && (on < today || on > agreementEnd))
            throw new DomainException($"De ingangsdatum ligt tussen vandaag en het einde van de looptijd ({Nl.Date(agreementEnd)}).");
        Proposed = outcome;
        NewCeilingCents = newCeilingCents;
        EffectiveOn = effectiveOn;
    }

    /// <summary>The PHO decided on the proposal; what is decided is what was proposed.</summary>
    public void Decide(string decisionReference, DateOnly on)
    {
        EnsureOpen();
        if (Proposed is not { } proposed) throw new DomainException("Er ligt nog geen voorstel van het kernteam.");
        DecisionReference = decisionReference;
        DecidedOn = on;
        Outcome = proposed;
    }

    private void EnsureOpen()
    {
        if (Outcome is not null) throw new DomainException($"Over de evaluatie na {AfterYears} jaar van {AgreementReference} is al besloten.");
    }
}
