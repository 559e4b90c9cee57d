using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Stateless;
using Verwerving.Domain;
using Verwerving.Persistence;

namespace Verwerving.Workflows;

/// <summary>A trigger was refused; <see cref="Reasons"/> says why, in Dutch.</summary>
public sealed class RefusedException(string message, IReadOnlyList<string> reasons)
    : DomainException(message + (reasons.Count > 0 ? Environment.NewLine + string.Join(Environment.NewLine, reasons.Select(r => "  - " + r)) : ""))
{
    /// <summary>What was refused, without the reasons (the message carries both, for the command line).</summary>
    public string Summary { get; } = message;

    public IReadOnlyList<string> Reasons { get; } = reasons;
}

public sealed record TriggerOption(string Trigger, string Title, string To, IReadOnlyList<string> Roles, IReadOnlyList<string> Parameters, IReadOnlyList<string> Refusals);
public sealed record TimerView(long Id, string Trigger, DateTime DueAt, string? Every);
/// <summary>A timer that failed every attempt and waits for a person: the last error says why.</summary>
public sealed record IncidentView(long TimerId, long InstanceId, string Subject, string Definition, string Trigger, DateTime DueAt, int Attempts, string Error);
public sealed record TaskView(long Id, long InstanceId, string Subject, string Definition, string State, string Title, string Role, DateTime OpenedAt,
    string? Approve, string? Reject, string? SendBack, DateTime? DueAt = null, string? AssignedTo = null, bool Overdue = false, string WorkflowTitle = "");
/// <summary>What became of one due timer: its transition, a refusal by a guard, or a failed attempt (an incident after the last).</summary>
public sealed record TimerRun(long TimerId, long InstanceId, string Trigger, DateTime DueAt, FireResult? Fired, string? Refused, string? Failure, bool Incident);
public sealed record HistoryView(long Sequence, DateTime At, string Actor, string Action, string Details);

/// <summary>The audit actions the runtime records on an instance; documents and pages read the trail by them.</summary>
public static class WorkflowAudit
{
    public const string Started = "workflow.gestart", Transition = "workflow.transitie", Approved = "workflow.goedgekeurd",
        TaskAssigned = "workflow.taak-toegewezen", TimerRefused = "workflow.timer-geweigerd", TimerFailed = "workflow.timer-mislukt",
        TimerIncident = "workflow.timer-incident", TimerRetried = "workflow.timer-opnieuw";
}
public sealed record InstanceView(long Id, string Definition, int DefinitionVersion, string Subject, string State, string StateTitle, bool Completed,
    DateTime EnteredStateAt, IReadOnlyDictionary<string, string> Data, IReadOnlyList<TriggerOption> Permitted, IReadOnlyList<TriggerOption> Refused,
    IReadOnlyList<TaskView> Tasks, IReadOnlyList<TimerView> Timers, IReadOnlyList<HistoryView> History, long? Parent,
    IReadOnlyList<IncidentView> Incidents);
public sealed record FireResult(long InstanceId, string Trigger, string From, string To, bool Transitioned, bool Repeated, string Message);

/// <summary>
/// Runs workflow instances: each transition is driven by a Stateless machine configured from the
/// instance's definition version, and commits with its side effects (tasks, timers, child workflows,
/// audit entry) in one transaction.
/// </summary>
public sealed class WorkflowRuntime(VerwervingDb db, DefinitionCatalog catalog, DatabaseClock clock, IRuleGuard? rules = null,
    IDocumentRenderer? documents = null, WorkCalendar? calendar = null)
{
    private readonly WorkCalendar _calendar = calendar ?? WorkCalendar.Default;

    /// <summary>The node name of a clock moved by hand (clock advance, clock set).</summary>
    public const string ClockNode = "klok";

    public const string ScopeField = "regios";
    private const string ApprovalsPrefix = "goedkeuringen.";

    public DatabaseClock Clock => clock;
    public WorkCalendar Calendar => _calendar;

    public User RequireUser(string login) => db.RequireUser(login);

    public WorkflowInstance Start(string definitionId, string subject, User user, IReadOnlyDictionary<string, string>? data = null)
    {
        if (string.IsNullOrWhiteSpace(subject)) throw new InputException("--subject ontbreekt: het onderwerp van de instantie (bv. een aanbestedingskenmerk).");
        using var tx = Begin();
        var instance = StartCore(definitionId, subject, user.Login, data ?? new Dictionary<string, string>(), null);
        db.SaveChanges();
        tx.Commit();
        return instance;
    }

    /// <summary>Starts an instance on behalf of the system (a rule's signal), within the caller's transaction.</summary>
    public WorkflowInstance StartBySystem(string definitionId, string subject, IReadOnlyDictionary<string, string> data) =>
        StartCore(definitionId, subject, Roles.System, data, null);

    /// <summary>Whether a workflow runs on this record's own key (a workflow under it has "/" and its own part).</summary>
    public bool IsRunning(string subject) => db.Set<WorkflowInstance>().Any(i => i.SubjectKey == subject && !i.Completed);

    /// <summary>The definition about records of this kind: found by what it is about, so a region may copy and rename it.</summary>
    public WorkflowDefinition? DefinitionFor(SubjectKind kind) => catalog.ForSubject(kind);

    private WorkflowInstance StartCore(string definitionId, string subject, string actor, IReadOnlyDictionary<string, string> data, long? parent)
    {
        var definition = catalog.PinCurrent(db, definitionId, clock.UtcNow);
        if (db.Set<WorkflowInstance>().Any(i => i.DefinitionId == definitionId && i.SubjectKey == subject && !i.Completed))
            throw new DomainException($"Er loopt al een instantie van '{definitionId}' voor '{subject}'.");
        var values = new JsonObject();
        foreach (var (k, v) in definition.Defaults) values[k] = v.ToJson();
        foreach (var (k, v) in data)
        {
            if (!definition.Defaults.ContainsKey(k)) throw new InputException($"'{k}' is geen veld van '{definitionId}' (velden: {string.Join(", ", definition.Defaults.Keys)})");
            values[k] = Value.Parse(v).ToJson();
        }
        if (definition.Subject != SubjectKind.None)
        {
            RefuseSecondOnSubject(definition, subject);
            SubjectKinds.Bind(db, definition.Subject, subject, values.ToDictionary(kv => kv.Key, kv => Value.FromJson(kv.Value)), Scope(values), actor, clock.UtcNow);
        }
        var instance = new WorkflowInstance(definition.Id, definition.Version, subject, definition.Initial.Id, values, actor, clock.UtcNow, parent);
        db.Add(instance);
        db.SaveChanges();
        db.Audit(clock.UtcNow, actor, WorkflowAudit.Started, "WorkflowInstance", instance.Id.ToString(CultureInfo.InvariantCulture),
            Json(new { definitie = definition.Id, versie = definition.Version, onderwerp = subject, status = instance.State, data = values }));
        Enter(definition, instance, definition.Initial, actor);
        RenderPendingDocuments();
        return instance;
    }

    /// <summary>One running instance per record: a copy of a definition under another id does not start a second one on it.</summary>
    private void RefuseSecondOnSubject(WorkflowDefinition definition, string subject)
    {
        foreach (var running in db.Set<WorkflowInstance>().AsNoTracking().Where(i => i.SubjectKey == subject && !i.Completed).ToList())
            if (catalog.ForInstance(db, running) is { } other && other.Subject == definition.Subject)
                throw new DomainException($"Op {SubjectKinds.Dutch(definition.Subject)} {subject} loopt al '{other.Title}' (instantie {running.Id}).");
    }

    public FireResult Fire(long instanceId, string trigger, User user, IReadOnlyDictionary<string, string>? parameters = null, string? idempotencyKey = null)
    {
        // The key is looked up inside the transaction: a retry that waited for the first attempt sees it done.
        using var tx = Begin();
        if (idempotencyKey is not null && db.Set<ProcessedCommand>().AsNoTracking().FirstOrDefault(c => c.Key == idempotencyKey) is { } done)
        {
            if (done.InstanceId != instanceId || done.Trigger != trigger)
                throw new InputException($"Sleutel '{idempotencyKey}' is al gebruikt voor een andere opdracht ({done.Trigger} op instantie {done.InstanceId}).");
            var current = Load(instanceId);
            return new FireResult(instanceId, trigger, current.State, current.State, false, true, "Al verwerkt met deze sleutel; niets gewijzigd.");
        }
        var result = FireCore(instanceId, trigger, user, parameters ?? new Dictionary<string, string>());
        if (idempotencyKey is not null) db.Add(new ProcessedCommand(idempotencyKey, instanceId, trigger, user.Login, clock.UtcNow));
        db.SaveChanges();
        tx.Commit();
        return result;
    }

    private FireResult FireCore(long instanceId, string triggerId, User user, IReadOnlyDictionary<string, string> rawParameters, long? timerId = null)
    {
        var instance = Load(instanceId);
        var definition = catalog.ForInstance(db, instance);
        var trigger = definition.Trigger(triggerId) ?? throw new InputException($"'{triggerId}' is geen trigger van '{definition.Id}'.");
        var refusedHeading = $"'{trigger.Title}' is geweigerd voor instantie {instance.Id} ({definition.Title}, status {definition.State(instance.State).Title}):";
        var parameters = ParseParameters(trigger, rawParameters, instance, refusedHeading);
        var refusals = Refusals(definition, instance, trigger, user, parameters);
        if (refusals.Count > 0) throw new RefusedException(refusedHeading, refusals);
        var alreadyPlanned = false;
        if (DomainOperations.Find(trigger.Operation) is { } operation)
        {
            // The aggregate guards its own invariants; its refusal undoes the whole step (the caller does not commit).
            // On a joint decision the operation runs at every alderman's approval: the record keeps each one.
            var context = new OperationContext(db, instance, parameters, user, clock.UtcNow, trigger.Id, trigger.Task);
            try
            {
                operation.Apply(context);
                alreadyPlanned = context.AlreadyPlanned;
            }
            catch (DomainException ex) when (ex is not RefusedException) { throw new RefusedException(refusedHeading, [ex.Message]); }
            db.SaveChanges();
            _subjectValues.Remove(instance.Id);
        }

        var from = instance.State;
        var data = instance.Data;
        foreach (var (field, operand) in trigger.Set) data[field] = operand.Evaluate(Context(instance, data, parameters)).ToJson();
        foreach (var field in trigger.Increment) data[field] = (Value.FromJson(data[field]).Number ?? 0) + 1;

        if (trigger.RegionQuorum)
        {
            var approvals = Approvals(data, trigger.Id);
            approvals.Add(user.RegionCode!);
            data[ApprovalsPrefix + trigger.Id] = string.Join(',', approvals.Order(StringComparer.Ordinal));
            var awaited = Scope(data).Except(approvals).ToList();
            if (awaited.Count > 0)
            {
                instance.SetData(data);
                db.Audit(clock.UtcNow, user.Login, WorkflowAudit.Approved, "WorkflowInstance", Key(instance),
                    Json(new { trigger = trigger.Id, regio = user.RegionCode, wachtOp = awaited, versie = instance.DefinitionVersion, parameters = rawParameters }));
                return new FireResult(instance.Id, trigger.Id, from, from, false, false,
                    $"Goedkeuring van {user.RegionCode} vastgelegd; wacht op de wethouder van {string.Join(" en ", awaited)}.");
            }
            data.Remove(ApprovalsPrefix + trigger.Id);
        }
        instance.SetData(data);

        var machine = Machine(definition, instance, user.Login);
        machine.Fire(trigger.Id);
        // A trigger can plan work for a person: the task opens in the state the instance is in after the step.
        if (trigger.Task is { } planned && !alreadyPlanned)
            db.Add(new HumanTask(instance.Id, instance.State, planned.Title, planned.Role, planned.Approve, planned.Reject, planned.SendBack, clock.UtcNow,
                TaskDue(planned, instance, clock.UtcNow)));
        var ctx = Context(instance, instance.Data, parameters);
        foreach (var doc in trigger.Documents.Where(d => d.When is null || d.When.Holds(ctx)))
            _pendingDocuments.Add((doc.Template, instance, user.Login));

        db.Audit(clock.UtcNow, user.Login, WorkflowAudit.Transition, "WorkflowInstance", Key(instance), Json(new
        {
            trigger = trigger.Id, van = from, naar = instance.State, versie = instance.DefinitionVersion, definitie = definition.Id,
            timer = timerId, parameters = rawParameters, guards = trigger.Guards.Select(g => g.Condition?.ToString() ?? "regelset " + g.RuleSet).ToList(),
            bevindingen = StandingFindings(instance.SubjectKey),
        }));
        RenderPendingDocuments();
        return new FireResult(instance.Id, trigger.Id, from, instance.State, true, false,
            $"{trigger.Title}: {definition.State(from).Title} → {definition.State(instance.State).Title}");
    }

    /// <summary>A unit of work: one transaction at one moment, and no documents left queued by a step that failed before.</summary>
    private UnitOfWork Begin()
    {
        _pendingDocuments.Clear();
        _subjectValues.Clear();
        return new UnitOfWork(db.Database.BeginTransaction(), clock.Pin());
    }

    private sealed class Restore(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }

    private sealed class UnitOfWork(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction tx, IDisposable pin) : IDisposable
    {
        private const string SavepointName = "stap";

        public void Commit() => tx.Commit();
        public void Savepoint() => tx.CreateSavepoint(SavepointName);
        public void RollbackToSavepoint() => tx.RollbackToSavepoint(SavepointName);

        public void Dispose()
        {
            tx.Dispose();
            pin.Dispose();
        }
    }

    // Documents render after the step's audit entry, so a memo's mandate chain includes the step that led to it.
    private readonly List<(string Template, WorkflowInstance Instance, string Actor)> _pendingDocuments = [];

    private void RenderPendingDocuments()
    {
        if (_pendingDocuments.Count == 0) return;
        if (documents is null)
            throw new DomainException($"Deze stap maakt het document '{_pendingDocuments[0].Template}', maar er is geen documentenmodule geconfigureerd.");
        db.SaveChanges();
        var pending = _pendingDocuments.ToList();
        _pendingDocuments.Clear();
        foreach (var (template, instance, actor) in pending) documents.Render(db, template, instance, clock.UtcNow, actor);
    }

    /// <summary>The open findings on the instance's subject when the transition was taken, for the record.</summary>
    private List<string> StandingFindings(string subject)
    {
        if (_openFindings is { } open)
            return open.Where(f => f.SubjectKey == subject || f.SubjectKey.StartsWith(subject + "/", StringComparison.Ordinal)).Select(f => f.Text).Take(50).ToList();
        return db.Findings.AsNoTracking()
            .Where(f => f.Status == FindingStatus.Open && (f.SubjectKey == subject || f.SubjectKey.StartsWith(subject + "/")))
            .OrderBy(f => f.Id).Select(f => f.Id + " " + f.RuleId + " (" + f.Severity + ")").Take(50).ToList();
    }

    // While a group of timers fires in one transaction the findings cannot change (checks are writers too, and writers take
    // turns), so they are read once for the group instead of once per transition.
    private List<(string SubjectKey, string Text)>? _openFindings;

    private StateMachine<string, string> Machine(WorkflowDefinition definition, WorkflowInstance instance, string actor)
    {
        var machine = new StateMachine<string, string>(() => instance.State, s => instance.State = s);
        foreach (var state in definition.States)
        {
            var config = machine.Configure(state.Id);
            var s = state;
            config.OnEntry(() => Enter(definition, instance, s, actor));
            config.OnExit(() => Exit(instance, s, actor));
            foreach (var t in definition.TriggersFrom(state.Id))
            {
                if (t.Internal) config.InternalTransition(t.Id, _ => { });
                else if (t.To == state.Id) config.PermitReentry(t.Id);
                else config.Permit(t.Id, t.To);
            }
        }
        return machine;
    }

    // A recurring timer that the next state also has keeps its cadence (meetings three times a year go on through an evaluation).
    private readonly Dictionary<(long, string, string), WorkflowTimer> _carried = [];

    private void Exit(WorkflowInstance instance, StateDefinition state, string actor)
    {
        _carried.Clear();
        // Filtered again in memory: the timer firing now is already marked fired in this unit of work, not yet in the database.
        foreach (var timer in db.Set<WorkflowTimer>().Where(t => t.InstanceId == instance.Id && t.State == state.Id && t.Status == TimerStatus.Pending)
                     .ToList().Where(t => t.Status == TimerStatus.Pending))
        {
            timer.Status = TimerStatus.Cancelled;
            if (timer.Every is not null) _carried[(instance.Id, timer.Trigger, timer.Every)] = timer;
        }
        foreach (var task in db.Set<HumanTask>().Where(t => t.InstanceId == instance.Id && t.State == state.Id && t.Status == Workflows.TaskStatus.Open))
        {
            task.Status = Workflows.TaskStatus.Done;
            task.ClosedAt = clock.UtcNow;
            task.ClosedBy = actor;
        }
    }

    private void Enter(WorkflowDefinition definition, WorkflowInstance instance, StateDefinition state, string actor)
    {
        var now = clock.UtcNow;
        instance.EnteredStateAt = now;
        instance.Completed = state.Final;
        var data = instance.Data;
        foreach (var action in state.OnEntry)
        {
            switch (action)
            {
                case OpenTaskAction task:
                    db.Add(new HumanTask(instance.Id, state.Id, task.Title, task.Role, task.Approve, task.Reject, task.SendBack, now, TaskDue(task, instance, now)));
                    break;
                case SetDateAction set:
                    data[set.Field] = WorkCalendar.DateOf(now).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    instance.SetData(data);
                    break;
                case StartWorkflowAction start:
                    var childData = start.Data.ToDictionary(kv => kv.Key, kv => kv.Value.Evaluate(Context(instance, data, new Dictionary<string, Value>())).ToString());
                    db.SaveChanges();
                    var subjects = start.Each is { } each
                        ? SubjectKinds.Collection(db, definition.Subject, instance.SubjectKey, each)
                        : [start.SubjectTemplate.Replace("{subject}", instance.SubjectKey, StringComparison.Ordinal)];
                    foreach (var subject in subjects) StartCore(start.Workflow, subject, actor, childData, instance.Id);
                    break;
                case RenderDocumentAction doc when doc.When is null || doc.When.Holds(Context(instance, data, new Dictionary<string, Value>())):
                    _pendingDocuments.Add((doc.Template, instance, actor));
                    break;
                case FireParentAction fire when instance.ParentId is { } parentId:
                    var parentTrigger = Fill(fire.TriggerTemplate, Context(instance, data, new Dictionary<string, Value>()));
                    db.SaveChanges();
                    FireCore(parentId, parentTrigger, SystemUser, new Dictionary<string, string>());
                    break;
            }
        }
        foreach (var timer in state.Timers)
        {
            if (timer.Every is { } every)
            {
                // Occurrence n falls due at anchor + n × every, so month ends do not pull the cadence forward.
                if (_carried.TryGetValue((instance.Id, timer.Trigger, every.ToString()), out var carried))
                    db.Add(new WorkflowTimer(instance.Id, state.Id, timer.Trigger, carried.DueAt, carried.Every, carried.Anchor, carried.Occurrence));
                else db.Add(new WorkflowTimer(instance.Id, state.Id, timer.Trigger, _calendar.Add(now, every), every.ToString(), now, 1));
                continue;
            }
            var due = timer.After is { } after ? _calendar.Add(now, after) : AtDate(definition, instance, timer);
            db.Add(new WorkflowTimer(instance.Id, state.Id, timer.Trigger, due, null));
        }
    }

    /// <summary>A date field (plus a term) falls due at the start of that day in the Netherlands.</summary>
    private DateTime AtDate(WorkflowDefinition definition, WorkflowInstance instance, TimerDefinition timer)
    {
        var value = new Operand(timer.AtField!).Evaluate(Context(instance, instance.Data, new Dictionary<string, Value>()));
        if (value.Raw is not DateOnly date)
            throw new DomainException($"De geplande stap '{definition.Trigger(timer.Trigger)?.Title ?? timer.Trigger}' rekent vanaf het veld '{timer.AtField}', maar daar staat geen datum.");
        return WorkCalendar.StartOf(timer.AtOffset is { } offset ? _calendar.Add(date, offset) : date);
    }

    private DateTime? TaskDue(OpenTaskAction task, WorkflowInstance instance, DateTime now)
    {
        if (task.Within is not { } within) return null;
        var term = within.Duration ?? rules?.NormTerm(within.Norm!, instance, now)
            ?? throw new DomainException($"De termijn van taak '{task.Title}' verwijst naar norm '{within.Norm}', die geen norm in dagen of werkdagen is.");
        return _calendar.Add(now, term);
    }

    /// <summary>
    /// Fires every timer that falls due up to <paramref name="until"/> on a simulated clock, in order of due time, each in its
    /// own transaction with the clock set to its due time; the same path the worker takes on the system clock.
    /// </summary>
    public IReadOnlyList<FireResult> AdvanceClock(DateTimeOffset until)
    {
        if (!clock.IsSimulated) throw new InputException(DatabaseClock.SystemClockRefusal);
        var fired = new List<FireResult>();
        var limit = until.UtcDateTime;
        while (db.Set<WorkflowTimer>().AsNoTracking().Where(t => t.Status == TimerStatus.Pending && t.AttemptAt <= limit)
                   .OrderBy(t => t.AttemptAt).ThenBy(t => t.Id).Select(t => (long?)t.Id).FirstOrDefault() is { } next)
            if (FireTimer(next, ClockNode, moveClock: true)?.Fired is { } result) fired.Add(result);
        using (var tx = Begin())
        {
            clock.Set(db, until);
            db.SaveChanges();
            tx.Commit();
        }
        return fired;
    }

    /// <summary>
    /// Claims up to <paramref name="batch"/> due timers for <paramref name="node"/> until its lease ends (wall-clock time), oldest due
    /// first. A claim only spreads the work: firing checks the timer's status again inside its own transaction, so a timer whose
    /// lease ran out while its node was slow is still fired once.
    /// </summary>
    public IReadOnlyList<long> ClaimDue(string node, DateTime wallNow, TimeSpan lease, int batch)
    {
        var now = clock.UtcNow;
        using var tx = Begin();
        var ids = db.Set<WorkflowTimer>().AsNoTracking()
            .Where(t => t.Status == TimerStatus.Pending && t.AttemptAt <= now && (t.LeaseUntil == null || t.LeaseUntil < wallNow))
            .OrderBy(t => t.AttemptAt).ThenBy(t => t.Id).Select(t => t.Id).Take(batch).ToList();
        if (ids.Count > 0)
            db.Set<WorkflowTimer>().Where(t => ids.Contains(t.Id))
                .ExecuteUpdate(u => u.SetProperty(t => t.ClaimedBy, node).SetProperty(t => t.LeaseUntil, wallNow + lease));
        tx.Commit();
        return ids;
    }

    /// <summary>When the next pending timer may be attempted (after another node's live claim), or null when none waits.</summary>
    public DateTime? NextDue(DateTime wallNow) => db.Set<WorkflowTimer>().AsNoTracking().Where(t => t.Status == TimerStatus.Pending)
        .Select(t => t.LeaseUntil != null && t.LeaseUntil > wallNow && t.LeaseUntil > t.AttemptAt ? t.LeaseUntil.Value : t.AttemptAt)
        .OrderBy(t => t).Select(t => (DateTime?)t).FirstOrDefault();

    /// <summary>
    /// Fires one timer with its transition in one transaction. Null when there was nothing to do: already fired, cancelled, or held
    /// by another node's live claim. A failure rolls the step back and records the attempt; after
    /// <see cref="WorkflowTimer.MaxAttempts"/> the timer is an incident that waits for a person.
    /// </summary>
    public TimerRun? FireTimer(long timerId, string node, bool moveClock = false, DateTime? wallNow = null)
    {
        db.ChangeTracker.Clear();
        try
        {
            using var tx = Begin();
            var run = FireOne(timerId, node, moveClock, wallNow);
            tx.Commit();
            return run;
        }
        catch (Exception ex) when (!DatabaseOptions.IsConflict(ex) && ex is not OperationCanceledException)
        {
            db.ChangeTracker.Clear();
            return RecordFailure(timerId, Describe(ex), moveClock);
        }
    }

    /// <summary>
    /// Fires claimed timers as <see cref="FireTimer"/> does, several to one commit: each timer with its transition under its own
    /// savepoint, so a failing one is rolled back alone and recorded after, while the others share one write to disk.
    /// </summary>
    public IReadOnlyList<TimerRun> FireTimers(IReadOnlyList<long> timerIds, string node, DateTime wallNow, CancellationToken cancel = default)
    {
        var runs = new List<TimerRun>();
        var failed = new List<(long Id, string Error)>();
        db.ChangeTracker.Clear();
        // The savepoint per timer is ours; EF's own one around every save inside it would only double the round trips.
        var autoSavepoints = db.Database.AutoSavepointsEnabled;
        db.Database.AutoSavepointsEnabled = false;
        db.DeferAnchor = true; // the group's last head is anchored once, just before the commit
        using var restore = new Restore(() => { db.Database.AutoSavepointsEnabled = autoSavepoints; db.DeferAnchor = false; });
        using (var tx = Begin())
        {
            _openFindings = db.Findings.AsNoTracking().Where(f => f.Status == FindingStatus.Open).OrderBy(f => f.Id)
                .Select(f => new { f.SubjectKey, Text = f.Id + " " + f.RuleId + " (" + f.Severity + ")" }).AsEnumerable()
                .Select(f => (f.SubjectKey, f.Text)).ToList();
            using var forget = new Restore(() => _openFindings = null);
            foreach (var id in timerIds)
            {
                if (cancel.IsCancellationRequested) break; // the rest lapse with the lease
                tx.Savepoint();
                try
                {
                    if (FireOne(id, node, false, wallNow) is { } run) runs.Add(run);
                }
                catch (Exception ex) when (!DatabaseOptions.IsConflict(ex) && ex is not OperationCanceledException)
                {
                    tx.RollbackToSavepoint();
                    _pendingDocuments.Clear();
                    db.ForgetAuditHead(); // the head we wrote last may be what the savepoint undid
                    failed.Add((id, Describe(ex)));
                }
                db.ChangeTracker.Clear(); // each timer starts from what is in the database, not from the last one's entities
            }
            db.AnchorHead();
            tx.Commit();
        }
        foreach (var (id, error) in failed)
            if (RecordFailure(id, error, false) is { } run) runs.Add(run);
        return runs;
    }

    // One timer and its transition, inside the caller's transaction; saved, not committed.
    private TimerRun? FireOne(long timerId, string node, bool moveClock, DateTime? wallNow)
    {
        var timer = db.Set<WorkflowTimer>().FirstOrDefault(t => t.Id == timerId);
        if (timer is null || timer.Status != TimerStatus.Pending) return null;
        if (wallNow is { } wall && timer.ClaimedBy is { } holder && holder != node && timer.LeaseUntil > wall) return null;
        if (moveClock && clock.IsSimulated && timer.AttemptAt > clock.UtcNow) clock.Set(db, new DateTimeOffset(timer.AttemptAt, TimeSpan.Zero));
        var (instanceId, trigger, due) = (timer.InstanceId, timer.Trigger, timer.DueAt);
        timer.MarkFired(clock.UtcNow, node);
        FireResult? result = null;
        string? refused = null;
        try
        {
            result = FireCore(instanceId, trigger, SystemUser, new Dictionary<string, string>(), timerId);
        }
        catch (RefusedException r)
        {
            // A guard that says no is an answer, not a fault: it is on record and the timer is done.
            refused = r.Summary;
            db.Audit(clock.UtcNow, Roles.System, WorkflowAudit.TimerRefused, "WorkflowInstance", instanceId.ToString(CultureInfo.InvariantCulture),
                Json(new { timer = timerId, trigger, redenen = r.Reasons }));
        }
        ScheduleNext(timer);
        db.SaveChanges();
        return new TimerRun(timerId, instanceId, trigger, due, result, refused, null, false);
    }

    private TimerRun? RecordFailure(long timerId, string error, bool moveClock)
    {
        using var tx = Begin();
        var timer = db.Set<WorkflowTimer>().FirstOrDefault(t => t.Id == timerId);
        if (timer is null || timer.Status != TimerStatus.Pending) return null;
        if (moveClock && clock.IsSimulated) clock.Set(db, clock.GetUtcNow()); // keep the clock where the attempt was made
        var incident = timer.MarkFailed(error, clock.UtcNow);
        db.Audit(clock.UtcNow, Roles.System, incident ? WorkflowAudit.TimerIncident : WorkflowAudit.TimerFailed, "WorkflowInstance",
            timer.InstanceId.ToString(CultureInfo.InvariantCulture), Json(new { timer = timerId, trigger = timer.Trigger, poging = timer.Attempts, fout = error }));
        db.SaveChanges();
        tx.Commit();
        return new TimerRun(timerId, timer.InstanceId, timer.Trigger, timer.DueAt, null, null, error, incident);
    }

    /// <summary>What a person can act on; our own exceptions say it in Dutch, anything else by its kind only (no data values).</summary>
    private static string Describe(Exception ex) => ex switch
    {
        DomainException d => d.Message,
        _ => $"technische fout ({DatabaseOptions.Innermost(ex).GetType().Name})",
    };

    private void ScheduleNext(WorkflowTimer timer)
    {
        if (timer.Every is not { } text || !Duration.TryParse(text, out var every)) return;
        // A re-entered state planned its own timers already.
        if (db.ChangeTracker.Entries<WorkflowTimer>().Any(e => e.State == EntityState.Added && e.Entity.InstanceId == timer.InstanceId
                && e.Entity.Trigger == timer.Trigger && e.Entity.State == timer.State)) return;
        if (db.Set<WorkflowInstance>().Find(timer.InstanceId) is not { } instance || instance.State != timer.State || instance.Completed) return;
        var occurrence = timer.Occurrence + 1;
        db.Add(new WorkflowTimer(timer.InstanceId, timer.State, timer.Trigger, _calendar.Add(timer.Anchor, every.Times(occurrence)), text, timer.Anchor, occurrence));
    }

    /// <summary>Timers that failed every attempt, newest first.</summary>
    public IReadOnlyList<IncidentView> Incidents(long? instanceId = null)
    {
        var timers = db.Set<WorkflowTimer>().AsNoTracking().Where(t => t.Status == TimerStatus.Incident && (instanceId == null || t.InstanceId == instanceId))
            .OrderByDescending(t => t.Id).ToList();
        var ids = timers.Select(t => t.InstanceId).Distinct().ToList();
        var instances = db.Set<WorkflowInstance>().AsNoTracking().Where(i => ids.Contains(i.Id)).ToDictionary(i => i.Id);
        return timers.Select(t => new IncidentView(t.Id, t.InstanceId, instances[t.InstanceId].SubjectKey, instances[t.InstanceId].DefinitionId, t.Trigger,
            t.DueAt, t.Attempts, t.LastError ?? "")).ToList();
    }

    /// <summary>A contract manager puts an incident back in line: the worker (or the next clock move) tries it again.</summary>
    public void RetryIncident(long timerId, User user)
    {
        if (!user.HasRole(Roles.ContractManager)) throw new RefusedException($"Timer {timerId} opnieuw proberen is geweigerd:", [$"{user.DisplayName} heeft niet de rol om dit te doen (nodig: {Roles.ContractManager})."]);
        using var tx = Begin();
        var timer = db.Set<WorkflowTimer>().FirstOrDefault(t => t.Id == timerId) ?? throw new InputException($"Onbekende timer {timerId}.");
        if (timer.Status != TimerStatus.Incident) throw new DomainException($"Timer {timerId} is geen incident (status: {Dutch(timer.Status)}).");
        timer.Retry(clock.UtcNow);
        db.Audit(clock.UtcNow, user.Login, WorkflowAudit.TimerRetried, "WorkflowInstance", timer.InstanceId.ToString(CultureInfo.InvariantCulture),
            Json(new { timer = timerId, trigger = timer.Trigger }));
        db.SaveChanges();
        tx.Commit();
    }

    private static string Dutch(TimerStatus status) => status switch
    {
        TimerStatus.Pending => "wacht", TimerStatus.Fired => "afgegaan", TimerStatus.Cancelled => "vervallen", _ => "incident",
    };

    public InstanceView Show(long instanceId, User? viewer = null)
    {
        var instance = Load(instanceId);
        var definition = catalog.ForInstance(db, instance);
        var data = instance.Data;
        var options = definition.TriggersFrom(instance.State).Select(t =>
        {
            var refusals = instance.Completed ? ["De instantie is afgerond."] : Refusals(definition, instance, t, viewer, null);
            return new TriggerOption(t.Id, t.Title, t.Internal ? instance.State : t.To, t.Roles, t.Parameters.Select(p => p.Name + (p.Required ? "" : "?")).ToList(), refusals);
        }).ToList();
        var key = Key(instance);
        var history = db.AuditEntries.AsNoTracking().Where(a => a.SubjectType == "WorkflowInstance" && a.SubjectKey == key).OrderBy(a => a.Sequence)
            .Select(a => new HistoryView(a.Sequence, a.At, a.Actor, a.Action, a.DetailsJson)).ToList();
        return new InstanceView(instance.Id, instance.DefinitionId, instance.DefinitionVersion, instance.SubjectKey, instance.State,
            definition.State(instance.State).Title, instance.Completed, instance.EnteredStateAt,
            data.ToDictionary(kv => kv.Key, kv => Value.FromJson(kv.Value).ToString()),
            options.Where(o => o.Refusals.Count == 0).ToList(), options.Where(o => o.Refusals.Count > 0).ToList(),
            Tasks(db.Set<HumanTask>().AsNoTracking().Where(t => t.InstanceId == instanceId && t.Status == Workflows.TaskStatus.Open).ToList()),
            db.Set<WorkflowTimer>().AsNoTracking().Where(t => t.InstanceId == instanceId && t.Status == TimerStatus.Pending).OrderBy(t => t.DueAt)
                .Select(t => new TimerView(t.Id, t.Trigger, t.DueAt, t.Every)).ToList(),
            history, instance.ParentId, Incidents(instanceId));
    }

    /// <summary>The open tasks this user may act on: his roles, and for an alderman only within his mandate.</summary>
    public IReadOnlyList<TaskView> Inbox(User user)
    {
        var roles = user.RoleList.ToList();
        // A task given to one person is his alone; the others with the role no longer see it.
        var open = db.Set<HumanTask>().AsNoTracking().Where(t => t.Status == Workflows.TaskStatus.Open && roles.Contains(t.Role)
                && (t.AssignedTo == null || t.AssignedTo == user.Login))
            .OrderBy(t => t.DueAt == null).ThenBy(t => t.DueAt).ThenBy(t => t.OpenedAt).ToList();
        var instances = InstancesOf(open);
        var mine = open.Where(t =>
        {
            var instance = instances[t.InstanceId];
            var definition = catalog.ForInstance(db, instance);
            var approve = t.ApproveTrigger is null ? null : definition.Trigger(t.ApproveTrigger);
            return approve is null || Refusals(definition, instance, approve, user, null, ignoreGuards: true).Count == 0;
        });
        return Tasks(mine.ToList());
    }

    /// <summary>Acts on a task from the inbox: approve, reject or send back (the last two with a reason).</summary>
    /// <summary>Completes a task with its step; a step that asks for values (the meeting held: date, attendees, minutes) gets them here.</summary>
    public FireResult CompleteTask(long taskId, string outcome, User user, string? reason, string? idempotencyKey, IReadOnlyDictionary<string, string>? values = null)
    {
        var task = db.Set<HumanTask>().AsNoTracking().FirstOrDefault(t => t.Id == taskId) ?? throw new InputException($"Onbekende taak {taskId}.");
        if (task.Status != Workflows.TaskStatus.Open) throw new DomainException($"Taak {taskId} is al afgehandeld.");
        var trigger = outcome switch
        {
            "approve" => task.ApproveTrigger,
            "reject" => task.RejectTrigger,
            "send-back" => task.SendBackTrigger,
            _ => throw new InputException($"Onbekende afhandeling '{outcome}' (approve, reject, send-back)."),
        } ?? throw new DomainException($"Taak {taskId} kent geen '{outcome}'.");
        if (outcome != "approve" && string.IsNullOrWhiteSpace(reason)) throw new InputException("Geef een reden (--reason) bij afwijzen of terugsturen.");
        // A task is for its role (and, once given to someone, for him): a contract manager does not complete the core team's task.
        if (!user.HasRole(task.Role) || (task.AssignedTo is { } holder && holder != user.Login))
            throw new RefusedException($"Taak {taskId} afhandelen is geweigerd:", [task.AssignedTo is { } to && to != user.Login
                ? $"De taak is toegewezen aan {to}."
                : $"{user.DisplayName} heeft niet de rol van deze taak ({task.Role})."]);
        var parameters = new Dictionary<string, string>(values ?? new Dictionary<string, string>());
        if (reason is not null) parameters["reden"] = reason;
        return Fire(task.InstanceId, trigger, user, parameters, idempotencyKey);
    }

    /// <summary>A contract manager gives an open task to one person who has its role (someone is ill, on leave, or better placed).</summary>
    public HumanTask Reassign(long taskId, string toLogin, User user)
    {
        if (!user.HasRole(Roles.ContractManager)) throw new RefusedException($"Taak {taskId} toewijzen is geweigerd:", [$"{user.DisplayName} heeft niet de rol om dit te doen (nodig: {Roles.ContractManager})."]);
        using var tx = Begin();
        var task = db.Set<HumanTask>().FirstOrDefault(t => t.Id == taskId) ?? throw new InputException($"Onbekende taak {taskId}.");
        if (task.Status != Workflows.TaskStatus.Open) throw new DomainException($"Taak {taskId} is al afgehandeld.");
        var to = db.Users.AsNoTracking().FirstOrDefault(u => u.Login == toLogin) ?? throw new InputException($"Onbekende gebruiker '{toLogin}'.");
        if (!to.HasRole(task.Role)) throw new DomainException($"{to.DisplayName} heeft niet de rol {task.Role} die taak {taskId} vraagt.");
        var instance = Load(task.InstanceId);
        var definition = catalog.ForInstance(db, instance);
        if (task.ApproveTrigger is { } approve && definition.Trigger(approve) is { } trigger
            && Refusals(definition, instance, trigger, to, null, ignoreGuards: true) is { Count: > 0 } refusals)
            throw new RefusedException($"Taak {taskId} kan niet naar {to.DisplayName}:", refusals);
        var from = task.AssignedTo;
        task.AssignTo(to.Login);
        db.Audit(clock.UtcNow, user.Login, WorkflowAudit.TaskAssigned, "WorkflowInstance", Key(instance),
            Json(new { taak = taskId, titel = task.Title, van = from, aan = to.Login }));
        db.SaveChanges();
        tx.Commit();
        return task;
    }

    private List<string> Refusals(WorkflowDefinition definition, WorkflowInstance instance, TriggerDefinition trigger, User? user,
        IReadOnlyDictionary<string, Value>? parameters, bool ignoreGuards = false)
    {
        var reasons = new List<string>();
        if (instance.Completed) { reasons.Add("De instantie is afgerond."); return reasons; }
        if (!trigger.From.Contains(instance.State))
        {
            reasons.Add($"'{trigger.Title}' kan niet vanuit status '{definition.State(instance.State).Title}' (wel vanuit: {string.Join(", ", trigger.From)}).");
            return reasons;
        }
        var data = instance.Data;
        if (user is not null)
        {
            if (!trigger.Roles.Any(user.HasRole))
                reasons.Add($"{user.DisplayName} heeft niet de rol om dit te doen (nodig: {string.Join(" of ", trigger.Roles)}).");
            else if (user.HasRole(Roles.Alderman) && trigger.Roles.Contains(Roles.Alderman))
            {
                var scope = Scope(data);
                if (scope.Count > 0 && (user.RegionCode is null || !scope.Contains(user.RegionCode)))
                    reasons.Add($"{user.DisplayName} heeft geen mandaat: dit besluit raakt alleen {string.Join(" en ", scope)}.");
                else if (trigger.RegionQuorum && Approvals(data, trigger.Id).Contains(user.RegionCode!))
                    reasons.Add($"De wethouder van {user.RegionCode} heeft al goedgekeurd; het wacht op {string.Join(" en ", scope.Except(Approvals(data, trigger.Id)))}.");
            }
            if (trigger.RegionQuorum && !user.HasRole(Roles.Alderman))
                reasons.Add("Alleen de wethouders in het PHO nemen dit besluit; een kernteam mag voorstellen, niet besluiten (001 §8.1).");
        }
        if (ignoreGuards) return reasons;
        if (reasons.Count == 0 && DomainOperations.Find(trigger.Operation) is { Check: { } check }
            && check(new OperationContext(db, instance, parameters ?? new Dictionary<string, Value>(), user ?? SystemUser, clock.UtcNow, trigger.Id)) is { } problem)
            reasons.Add(problem);
        var ctx = Context(instance, data, parameters ?? new Dictionary<string, Value>());
        foreach (var guard in trigger.Guards)
        {
            if (guard.Condition is { } c)
            {
                // Without parameters (a preview), a guard on a parameter cannot be judged yet.
                if (parameters is null && (c.Left.IsParameter || c.Right.IsParameter)) continue;
                if (!c.Holds(ctx)) reasons.Add($"{Fill(guard.Message, ctx)} ({c.Explain(ctx)})");
            }
            else if (rules is null) reasons.Add($"{guard.Message} (regelset '{guard.RuleSet}' is niet beschikbaar)");
            else
                reasons.AddRange(rules.Blocking(db, guard.RuleSet!, definition, instance, trigger, clock.UtcNow)
                    .Select(finding => $"{Fill(guard.Message, ctx)}: {finding}"));
        }
        return reasons;
    }

    private static string Fill(string message, EvaluationContext ctx) =>
        System.Text.RegularExpressions.Regex.Replace(message, @"\{([A-Za-z0-9\.\-]+)\}", m => new Operand(m.Groups[1].Value).Evaluate(ctx).ToString());

    private Dictionary<string, Value> ParseParameters(TriggerDefinition trigger, IReadOnlyDictionary<string, string> raw, WorkflowInstance instance, string refusedHeading)
    {
        var result = new Dictionary<string, Value>(StringComparer.Ordinal);
        foreach (var name in raw.Keys.Where(k => trigger.Parameters.All(p => p.Name != k)))
            throw new InputException($"'{name}' is geen parameter van '{trigger.Id}' (parameters: {string.Join(", ", trigger.Parameters.Select(p => p.Name))})");
        foreach (var p in trigger.Parameters)
        {
            if (!raw.TryGetValue(p.Name, out var text) || string.IsNullOrWhiteSpace(text))
            {
                if (p.Required) throw new InputException($"Parameter '{p.Name}' ({p.Label}) ontbreekt voor '{trigger.Id}' (--param {p.Name}=...).");
                continue;
            }
            var (value, problem) = ParameterValues.Read(db, p, text.Trim(), Scope(instance.Data), instance.SubjectKey);
            if (problem is not null) throw new RefusedException(refusedHeading, [problem]);
            result[p.Name] = value;
        }
        return result;
    }

    private EvaluationContext Context(WorkflowInstance instance, JsonObject data, IReadOnlyDictionary<string, Value> parameters) =>
        new(data.ToDictionary(kv => kv.Key, kv => Value.FromJson(kv.Value)), parameters,
            WorkCalendar.DateOf(clock.UtcNow).DayNumber - WorkCalendar.DateOf(instance.EnteredStateAt).DayNumber, WorkCalendar.DateOf(clock.UtcNow),
            SubjectValues(instance));

    // The subject's values are read from its record once per step; an operation that changes the record forgets them.
    private readonly Dictionary<long, IReadOnlyDictionary<string, Value>> _subjectValues = [];

    private IReadOnlyDictionary<string, Value> SubjectValues(WorkflowInstance instance)
    {
        if (_subjectValues.TryGetValue(instance.Id, out var known)) return known;
        var kind = catalog.ForInstance(db, instance).Subject;
        var values = kind == SubjectKind.None ? new Dictionary<string, Value>() : SubjectKinds.Values(db, kind, instance.SubjectKey);
        if (_subjectValues.Count > 100) _subjectValues.Clear();
        return _subjectValues[instance.Id] = values;
    }

    /// <summary>The regions an instance's decision touches (empty: not limited to a region).</summary>
    public static IReadOnlyList<string> RegionsOf(WorkflowInstance instance) => Scope(instance.Data);

    private static List<string> Scope(JsonObject data) =>
        data[ScopeField] is { } s ? Value.FromJson(s).ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList() : [];

    private static HashSet<string> Approvals(JsonObject data, string trigger) =>
        data[ApprovalsPrefix + trigger] is { } a ? Value.FromJson(a).ToString().Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet() : [];

    private List<TaskView> Tasks(List<HumanTask> tasks)
    {
        var instances = InstancesOf(tasks);
        return tasks.Select(t =>
        {
            var i = instances[t.InstanceId];
            return new TaskView(t.Id, t.InstanceId, i.SubjectKey, i.DefinitionId, t.State, t.Title, t.Role, t.OpenedAt, t.ApproveTrigger, t.RejectTrigger, t.SendBackTrigger,
                t.DueAt, t.AssignedTo, Overdue(t.DueAt), catalog.ForInstance(db, i).Title);
        }).ToList();
    }

    /// <summary>A term runs to the end of its last day, Dutch time (as the finding counts it).</summary>
    private bool Overdue(DateTime? due) => due is { } d && WorkCalendar.DateOf(clock.UtcNow) > WorkCalendar.DateOf(d);

    // One query for all tasks' instances, not one per task.
    private Dictionary<long, WorkflowInstance> InstancesOf(List<HumanTask> tasks)
    {
        var ids = tasks.Select(t => t.InstanceId).Distinct().ToList();
        return db.Set<WorkflowInstance>().AsNoTracking().Where(i => ids.Contains(i.Id)).ToDictionary(i => i.Id);
    }

    private WorkflowInstance Load(long id) =>
        db.Set<WorkflowInstance>().Find(id) ?? throw new InputException($"Onbekende instantie {id}.");

    private static readonly User SystemUser = new(Roles.System, "Systeem (timer)", [Roles.System]);
    private static string Key(WorkflowInstance i) => i.Id.ToString(CultureInfo.InvariantCulture);
    private static string Json(object o) => JsonSerializer.Serialize(o, JsonOptions);
    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
