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

public enum TimerStatus { Pending, Fired, Cancelled }

/// <summary>A timer is a row, not an in-memory timer: an agreement can wait nine years across restarts.</summary>
public class WorkflowTimer
{
    private WorkflowTimer() { State = Trigger = ""; }
    public WorkflowTimer(long instanceId, string state, string trigger, DateTime dueAt, string? every)
    {
        InstanceId = instanceId; State = state; Trigger = trigger; DueAt = dueAt; Every = every;
    }
    public long Id { get; private set; }
    public long InstanceId { get; private set; }
    public string State { get; private set; }
    public string Trigger { get; private set; }
    public DateTime DueAt { get; private set; }
    public string? Every { get; private set; }
    public TimerStatus Status { get; internal set; }
}

public enum TaskStatus { Open, Done, Cancelled }

/// <summary>A human task in someone's inbox: approve, reject or send back, within the mandate of the role.</summary>
public class HumanTask
{
    private HumanTask() { State = Title = Role = ""; }
    public HumanTask(long instanceId, string state, string title, string role, string? approve, string? reject, string? sendBack, DateTime openedAt)
    {
        InstanceId = instanceId; State = state; Title = title; Role = role;
        ApproveTrigger = approve; RejectTrigger = reject; SendBackTrigger = sendBack; OpenedAt = openedAt;
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
