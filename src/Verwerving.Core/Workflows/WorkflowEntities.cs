using System.Text.Json.Nodes;
using Verwerving.Domain;

namespace Verwerving.Workflows;

/// <summary>The exact text of a definition version an instance started on; later edits of the file do not touch it.</summary>
public class StoredDefinition
{
    private StoredDefinition() { DefinitionId = Yaml = Hash = ""; }
    public StoredDefinition(string definitionId, int version, string yaml, string hash, DateTime storedAt)
    {
        DefinitionId = definitionId; DefinitionVersion = version; Yaml = yaml; Hash = hash; StoredAt = storedAt;
    }
    public string DefinitionId { get; private set; }
    public int DefinitionVersion { get; private set; }
    public string Yaml { get; private set; }
    public string Hash { get; private set; }
    public DateTime StoredAt { get; private set; }
}

public class WorkflowInstance : Versioned
{
    private WorkflowInstance() { DefinitionId = SubjectKey = State = DataJson = StartedBy = ""; }

    public WorkflowInstance(string definitionId, int definitionVersion, string subjectKey, string state, JsonObject data, string startedBy, DateTime at, long? parentId)
    {
        DefinitionId = definitionId;
        DefinitionVersion = definitionVersion;
        SubjectKey = subjectKey;
        State = state;
        DataJson = data.ToJsonString();
        StartedBy = startedBy;
        StartedAt = EnteredStateAt = at;
        ParentId = parentId;
    }

    public long Id { get; private set; }
    public string DefinitionId { get; private set; }
    public int DefinitionVersion { get; private set; }
    public string SubjectKey { get; private set; }
    public string State { get; internal set; }
    public string DataJson { get; private set; }
    public string StartedBy { get; private set; }
    public DateTime StartedAt { get; private set; }
    public DateTime EnteredStateAt { get; internal set; }
    public bool Completed { get; internal set; }
    public long? ParentId { get; private set; }

    public JsonObject Data => (JsonObject)JsonNode.Parse(DataJson)!;
    internal void SetData(JsonObject data) => DataJson = data.ToJsonString();
}

public enum TimerStatus { Pending, Fired, Cancelled, Incident }

/// <summary>
/// A timer is a row, not an in-memory timer: an agreement can wait nine years across restarts. A recurring timer
/// counts its occurrences from one anchor, so "every 4 months" from 31 January never drifts to the 28th. A worker
/// claims a due timer with a lease; a failed attempt waits a back-off and, after too many, becomes an incident.
/// </summary>
public class WorkflowTimer
{
    public const int MaxAttempts = 5;

    private WorkflowTimer() { State = Trigger = ""; }
    public WorkflowTimer(long instanceId, string state, string trigger, DateTime dueAt, string? every, DateTime? anchor = null, int occurrence = 0)
    {
        InstanceId = instanceId; State = state; Trigger = trigger; DueAt = AttemptAt = dueAt; Every = every;
        Anchor = anchor ?? dueAt; Occurrence = occurrence;
    }
    public long Id { get; private set; }
    public long InstanceId { get; private set; }
    public string State { get; private set; }
    public string Trigger { get; private set; }
    /// <summary>When the timer falls due by its definition.</summary>
    public DateTime DueAt { get; private set; }
    public string? Every { get; private set; }
    /// <summary>A recurring timer's start: occurrence n falls due at anchor + n × every.</summary>
    public DateTime Anchor { get; private set; }
    public int Occurrence { get; private set; }
    public TimerStatus Status { get; internal set; }
    /// <summary>When the next attempt may be made: the due time, or later after a failed attempt.</summary>
    public DateTime AttemptAt { get; private set; }
    public int Attempts { get; private set; }
    /// <summary>Why the last attempt failed, in Dutch, without personal data.</summary>
    public string? LastError { get; private set; }
    public string? ClaimedBy { get; internal set; }
    /// <summary>Wall-clock time until which <see cref="ClaimedBy"/> holds the claim; after it another node may take it.</summary>
    public DateTime? LeaseUntil { get; internal set; }
    public DateTime? FiredAt { get; private set; }
    public string? FiredBy { get; private set; }

    internal void MarkFired(DateTime at, string by)
    {
        Status = TimerStatus.Fired; FiredAt = at; FiredBy = by; Attempts++; ClaimedBy = null; LeaseUntil = null;
    }

    /// <summary>Records a failed attempt; returns true when it has become an incident.</summary>
    internal bool MarkFailed(string error, DateTime now)
    {
        Attempts++;
        LastError = error.Length > 500 ? error[..500] : error;
        ClaimedBy = null; LeaseUntil = null;
        if (Attempts >= MaxAttempts) { Status = TimerStatus.Incident; return true; }
        AttemptAt = now + Backoff(Attempts);
        return false;
    }

    /// <summary>A contract manager asks for another try: the attempts start again from now.</summary>
    internal void Retry(DateTime now)
    {
        Status = TimerStatus.Pending; Attempts = 0; AttemptAt = now; ClaimedBy = null; LeaseUntil = null;
    }

    /// <summary>1 minute, 5 minutes, 30 minutes, 2 hours.</summary>
    public static TimeSpan Backoff(int attempts) => attempts switch
    {
        1 => TimeSpan.FromMinutes(1), 2 => TimeSpan.FromMinutes(5), 3 => TimeSpan.FromMinutes(30), _ => TimeSpan.FromHours(2),
    };
}

public enum TaskStatus { Open, Done, Cancelled }

/// <summary>A human task in someone's inbox: approve, reject or send back, within the mandate of the role.</summary>
public class HumanTask
{
    private HumanTask() { State = Title = Role = ""; }
    public HumanTask(long instanceId, string state, string title, string role, string? approve, string? reject, string? sendBack, DateTime openedAt,
        DateTime? dueAt = null)
    {
        InstanceId = instanceId; State = state; Title = title; Role = role;
        ApproveTrigger = approve; RejectTrigger = reject; SendBackTrigger = sendBack; OpenedAt = openedAt; DueAt = dueAt;
    }
    public long Id { get; private set; }
    public long InstanceId { get; private set; }
    public string State { get; private set; }
    public string Title { get; private set; }
    public string Role { get; private set; }
    public string? ApproveTrigger { get; private set; }
    public string? RejectTrigger { get; private set; }
    public string? SendBackTrigger { get; private set; }
    public TaskStatus Status { get; internal set; }
    public DateTime OpenedAt { get; private set; }
    public DateTime? ClosedAt { get; internal set; }
    public string? ClosedBy { get; internal set; }

    internal void Close(string by, DateTime at)
    {
        Status = TaskStatus.Done;
        ClosedAt = at;
        ClosedBy = by;
    }
    /// <summary>The end of the task's term, when its definition gives one.</summary>
    public DateTime? DueAt { get; private set; }
    /// <summary>The one person with the role who now holds the task; null: everyone with the role.</summary>
    public string? AssignedTo { get; private set; }

    internal void AssignTo(string login) => AssignedTo = login;
}

/// <summary>A command already carried out, so the same idempotency key repeated changes nothing.</summary>
public class ProcessedCommand
{
    private ProcessedCommand() { Key = Trigger = Actor = ""; }
    public ProcessedCommand(string key, long instanceId, string trigger, string actor, DateTime at)
    {
        Key = key; InstanceId = instanceId; Trigger = trigger; Actor = actor; At = at;
    }
    public string Key { get; private set; }
    public long InstanceId { get; private set; }
    public string Trigger { get; private set; }
    public string Actor { get; private set; }
    public DateTime At { get; private set; }
}
