using Verwerving.Text;

namespace Verwerving.Domain;

/// <summary>
/// An administrative meeting held with a strategic partner (001 §8.1: three a year), as the person who was there recorded it:
/// the date, who attended and the minutes. A timer only plans one; the rules count what is recorded here, per partner.
/// </summary>
public class PartnerMeeting
{
    private PartnerMeeting() { AgreementReference = Attendees = Minutes = RecordedBy = ""; }

    public PartnerMeeting(int providerId, string agreementReference, DateOnly heldOn, string attendees, string minutes, string recordedBy, DateTime recordedAt,
        DateOnly today)
    {
        if (heldOn > today) throw new DomainException($"Een overleg wordt vastgelegd als het is gehouden; {Nl.Date(heldOn)} ligt in de toekomst.");
        if (string.IsNullOrWhiteSpace(attendees)) throw new DomainException("Noem wie bij het overleg aanwezig waren.");
        if (string.IsNullOrWhiteSpace(minutes)) throw new DomainException("Een overleg heeft een verslag.");
        ProviderId = providerId;
        AgreementReference = agreementReference;
        HeldOn = heldOn;
        Attendees = attendees.Trim();
        Minutes = minutes.Trim();
        RecordedBy = recordedBy;
        RecordedAt = recordedAt;
    }

    public long Id { get; private set; }
    public int ProviderId { get; private set; }

    /// <summary>The partnership the meeting was recorded in; the meeting counts for the partner, whichever of its agreements.</summary>
    public string AgreementReference { get; private set; }
    public DateOnly HeldOn { get; private set; }
    public string Attendees { get; private set; }
    public string Minutes { get; private set; }
    public string RecordedBy { get; private set; }
    public DateTime RecordedAt { get; private set; }
}
