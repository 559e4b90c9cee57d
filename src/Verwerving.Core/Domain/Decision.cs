using Verwerving.Workflows;

namespace Verwerving.Domain;

public enum DecisionStatus { Proposed, Decided, Rejected }

/// <summary>
/// A governance decision of the PHO ZK/IJmond (001 §8.1). Only aldermen decide, each within the
/// mandate of his region; a joint decision is taken when the aldermen of every region in scope approved.
/// </summary>
public class Decision : Versioned
{
    private readonly List<DecisionApproval> _approvals = [];

    private Decision() { Reference = Title = ScopeText = ProposedBy = ""; }

    public Decision(string reference, string title, IEnumerable<string> scopeRegionCodes, bool touchesCouncils, string proposedBy, DateTime proposedAt)
    {
        var scope = scopeRegionCodes.Distinct().Order(StringComparer.Ordinal).ToList();
        if (scope.Count == 0) throw new DomainException("Een besluit heeft ten minste één regio in zijn reikwijdte.");
        if (string.IsNullOrWhiteSpace(reference)) throw new DomainException("Een besluit heeft een kenmerk nodig.");
        Reference = reference;
        Title = title;
        ScopeText = string.Join(',', scope);
        TouchesCouncils = touchesCouncils;
        ProposedBy = proposedBy;
        ProposedAt = proposedAt;
    }

    public int Id { get; private set; }
    public string Reference { get; private set; }
    public string Title { get; private set; }
    public string ScopeText { get; private set; }
    public bool TouchesCouncils { get; private set; }
    public string ProposedBy { get; private set; }
    public DateTime ProposedAt { get; private set; }
    public DecisionStatus Status { get; private set; }
    public DateTime? DecidedAt { get; private set; }
    public string? RejectionReason { get; private set; }

    /// <summary>What is proposed, as the core team put it to the PHO.</summary>
    public string Proposal { get; private set; } = "";

    /// <summary>When the core team discussed the proposal and put it to the PHO.</summary>
    public DateTime? DiscussedAt { get; private set; }

    /// <summary>Euro cents a year the proposal asks, and its budget year; null when it asks no money.</summary>
    public long? AmountCents { get; private set; }
    public int? BudgetYear { get; private set; }

    /// <summary>The alternatives, separated by ';', and the core team's advice.</summary>
    public string OptionsText { get; private set; } = "";
    public string Advice { get; private set; } = "";

    public IReadOnlyList<string> Options => OptionsText.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    public void RecordProposal(string proposal)
    {
        EnsureOpen();
        Proposal = proposal;
    }

    /// <summary>What the memo sets before the aldermen: the money asked, the alternatives and the advice.</summary>
    public void RecordProposalDetails(long? amountCents, int? budgetYear, IEnumerable<string> options, string advice)
    {
        EnsureOpen();
        if (amountCents < 0) throw new DomainException("Een bedrag in een voorstel is niet negatief.");
        AmountCents = amountCents;
        BudgetYear = budgetYear;
        OptionsText = string.Join(';', options.Select(o => o.Trim()).Where(o => o.Length > 0));
        Advice = advice;
    }

    /// <summary>The core team discussed the proposal (001 §8.1: it steers and proposes; the PHO decides).</summary>
    public void RecordCoreTeamDiscussion(User member, DateTime at)
    {
        EnsureOpen();
        if (!member.HasRole(Roles.CoreTeam)) throw new DomainException($"{member.DisplayName} zit niet in het kernteam.");
        DiscussedAt = at;
    }

    /// <summary>The day the decided measure takes effect (an agreement ended early), when the proposal names one.</summary>
    public DateOnly? EffectiveOn { get; private set; }

    public void RecordEffectiveDate(DateOnly on)
    {
        EnsureOpen();
        EffectiveOn = on;
    }

    /// <summary>When the councils received the information letter, for a decision that touches their position.</summary>
    public DateOnly? CouncilsInformedOn { get; private set; }
    public IReadOnlyList<DecisionApproval> Approvals => _approvals;

    public IReadOnlyList<string> Scope => ScopeText.Split(',');
    public bool IsJoint => Scope.Count > 1;
    public IEnumerable<string> AwaitedRegions => Scope.Except(_approvals.Select(a => a.RegionCode));

    /// <summary>Why <paramref name="user"/> may not decide on this, or null when he may.</summary>
    public string? MandateProblem(User user)
    {
        if (!user.HasRole(Roles.Alderman))
            return user.HasRole(Roles.CoreTeam)
                ? "Een kernteam mag sturen en voorstellen, maar het besluit valt in het PHO (001 §8.1)."
                : $"{user.DisplayName} is geen wethouder en kan dit besluit niet nemen.";
        if (user.RegionCode is null || !Scope.Contains(user.RegionCode))
            return $"{user.DisplayName} heeft geen mandaat voor een besluit over {string.Join(" en ", Scope)}.";
        return null;
    }

    public void Approve(User alderman, DateTime at)
    {
        EnsureOpen();
        if (MandateProblem(alderman) is { } problem) throw new DomainException(problem);
        if (_approvals.Any(a => a.RegionCode == alderman.RegionCode))
            throw new DomainException($"De wethouder van {alderman.RegionCode} heeft dit besluit al goedgekeurd.");
        _approvals.Add(new DecisionApproval(alderman.RegionCode!, alderman.Login, at));
        if (!AwaitedRegions.Any())
        {
            Status = DecisionStatus.Decided;
            DecidedAt = at;
        }
    }

    public void Reject(User alderman, DateTime at, string reason)
    {
        EnsureOpen();
        if (MandateProblem(alderman) is { } problem) throw new DomainException(problem);
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("Een afwijzing heeft een reden.");
        Status = DecisionStatus.Rejected;
        DecidedAt = at;
        RejectionReason = reason;
    }

    public void RecordCouncilsInformed(DateOnly on)
    {
        if (Status != DecisionStatus.Decided) throw new DomainException($"De raden worden geïnformeerd over een genomen besluit; {Reference} is nog niet genomen.");
        if (!TouchesCouncils) throw new DomainException($"Besluit {Reference} raakt de positie van de raden niet.");
        if (DecidedAt is { } at && on < WorkCalendar.DateOf(at)) throw new DomainException("De raden worden niet geïnformeerd vóór het besluit.");
        CouncilsInformedOn = on;
    }

    private void EnsureOpen()
    {
        if (Status != DecisionStatus.Proposed) throw new DomainException($"Besluit {Reference} is al genomen ({Status}).");
    }
}

public class DecisionApproval
{
    private DecisionApproval() { RegionCode = Login = ""; }
    internal DecisionApproval(string regionCode, string login, DateTime at) { RegionCode = regionCode; Login = login; At = at; }
    public int Id { get; private set; }
    public string RegionCode { get; private set; }
    public string Login { get; private set; }
    public DateTime At { get; private set; }
}
