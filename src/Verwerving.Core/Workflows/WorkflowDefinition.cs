namespace Verwerving.Workflows;

/// <summary>A workflow definition as loaded from its YAML file. Every element knows the line it came from.</summary>
public sealed record WorkflowDefinition(
    string Id, int Version, string Title, string SourceFile, IReadOnlyDictionary<string, Value> Defaults,
    IReadOnlyList<StateDefinition> States, IReadOnlyList<TriggerDefinition> Triggers, string Yaml, SubjectKind Subject = SubjectKind.None)
{
    public StateDefinition Initial => States.Single(s => s.Initial);
    public StateDefinition State(string id) => States.First(s => s.Id == id);
    public TriggerDefinition? Trigger(string id) => Triggers.FirstOrDefault(t => t.Id == id);
    public IEnumerable<TriggerDefinition> TriggersFrom(string state) => Triggers.Where(t => t.From.Contains(state));
}

public sealed record StateDefinition(string Id, string Title, bool Initial, bool Final, IReadOnlyList<ActionDefinition> OnEntry,
    IReadOnlyList<TimerDefinition> Timers, int Line);

/// <summary>
/// A trigger: who may fire it (roles), what it carries (parameters), what must hold (guards), what it
/// changes in the instance data (set, increment). With quorum "regions" every region in scope must fire it
/// (a joint PHO decision) before the transition happens.
/// </summary>
public sealed record TriggerDefinition(string Id, string Title, IReadOnlyList<string> From, string To, IReadOnlyList<string> Roles,
    IReadOnlyList<ParameterDefinition> Parameters, IReadOnlyList<GuardDefinition> Guards, IReadOnlyDictionary<string, Operand> Set,
    IReadOnlyList<string> Increment, bool RegionQuorum, bool Internal, IReadOnlyList<RenderDocumentAction> Documents, int Line,
    IReadOnlyDictionary<string, int> FieldLines, string? Operation = null, string? Confirm = null, OpenTaskAction? Task = null)
{
    /// <summary>The line of a field of this trigger, for error messages; the trigger's own line when the field is absent.</summary>
    public int LineOf(string field) => FieldLines.GetValueOrDefault(field, Line);
}

/// <summary>A trigger parameter: its type, the label a person sees, and for a choice the values allowed.</summary>
public sealed record ParameterDefinition(string Name, ParameterKind Kind, bool Required, string Label, IReadOnlyList<string> Options)
{
    public string Type => ParameterValues.TypeName(Kind);
}

/// <summary>A guard: a condition on the instance's data, or a rule set that must have no blocking findings.</summary>
public sealed record GuardDefinition(Condition? Condition, string? RuleSet, string Message, int Line);

public sealed record TimerDefinition(string Trigger, Duration? After, string? AtField, Duration? AtOffset, Duration? Every, int Line);

public abstract record ActionDefinition(int Line);
public sealed record OpenTaskAction(string Title, string Role, string? Approve, string? Reject, string? SendBack, int Line, TaskTerm? Within = null)
    : ActionDefinition(Line);

/// <summary>A task's term: a fixed duration, or a norm (in days or working days) as it holds for the instance's region.</summary>
public sealed record TaskTerm(Duration? Duration, string? Norm)
{
    public override string ToString() => Duration is { } d ? d.Text : "norm " + Norm;
}
/// <summary>Starts a child workflow on <see cref="SubjectTemplate"/>, or with <see cref="Each"/> one per record of the subject's collection.</summary>
public sealed record StartWorkflowAction(string Workflow, string SubjectTemplate, IReadOnlyDictionary<string, Operand> Data, int Line, string? Each = null) : ActionDefinition(Line);
public sealed record FireParentAction(string TriggerTemplate, int Line) : ActionDefinition(Line);
public sealed record SetDateAction(string Field, int Line) : ActionDefinition(Line);

/// <summary>Renders a template for the instance and stores the document; <see cref="When"/> limits it to instances whose data meet it.</summary>
public sealed record RenderDocumentAction(string Template, Condition? When, int Line) : ActionDefinition(Line);
