namespace Verwerving.Domain;

public enum Severity { Signal, Warning, Violation, Blocking }

public enum FindingStatus { Open, Closed }

/// <summary>
/// A rule's verdict on a subject in a period. Findings are recomputed from the facts; one that
/// no longer holds is closed, never deleted, so the record shows what stood when.
/// </summary>
public class Finding
{
    private Finding() { RuleId = SubjectType = SubjectKey = Explanation = Source = FactsJson = RuleSet = ""; }

    public Finding(string ruleId, string ruleSet, Severity severity, string subjectType, string subjectKey,
        DateOnly periodStart, DateOnly periodEnd, string explanation, string source, string factsJson, DateTime openedAt)
    {
        if (string.IsNullOrWhiteSpace(ruleId)) throw new DomainException("Een bevinding noemt haar regel.");
        if (string.IsNullOrWhiteSpace(explanation)) throw new DomainException("Een bevinding heeft een uitleg.");
        if (periodEnd < periodStart) throw new DomainException("Het einde van de periode ligt vóór het begin.");
        RuleId = ruleId;
        RuleSet = ruleSet;
        Severity = severity;
        SubjectType = subjectType;
        SubjectKey = subjectKey;
        PeriodStart = periodStart;
        PeriodEnd = periodEnd;
        Explanation = explanation;
        Source = source;
        FactsJson = factsJson;
        OpenedAt = openedAt;
    }

    public long Id { get; private set; }
    public string RuleId { get; private set; }
    public string RuleSet { get; private set; }
    public Severity Severity { get; private set; }
    public string SubjectType { get; private set; }
    public string SubjectKey { get; private set; }
    public DateOnly PeriodStart { get; private set; }
    public DateOnly PeriodEnd { get; private set; }
    public string Explanation { get; private set; }
    public string Source { get; private set; }
    public string FactsJson { get; private set; }
    public FindingStatus Status { get; private set; }
    public DateTime OpenedAt { get; private set; }
    public DateTime? ClosedAt { get; private set; }

    /// <summary>Identity of the verdict across recomputations.</summary>
    public string Key => $"{RuleId}|{SubjectType}|{SubjectKey}|{PeriodStart:yyyy-MM-dd}|{PeriodEnd:yyyy-MM-dd}";

    public void Refresh(string explanation, string factsJson)
    {
        if (Status == FindingStatus.Closed) throw new DomainException("Een gesloten bevinding wordt niet bijgewerkt.");
        Explanation = explanation;
        FactsJson = factsJson;
    }

    public void Close(DateTime at)
    {
        if (Status == FindingStatus.Closed) return;
        Status = FindingStatus.Closed;
        ClosedAt = at;
    }
}
