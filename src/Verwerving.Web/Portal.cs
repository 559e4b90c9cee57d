using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Verwerving.Documents;
using Verwerving.Domain;
using Verwerving.Import;
using Verwerving.Persistence;
using Verwerving.Privacy;
using Verwerving.Rules;
using Verwerving.Text;
using Verwerving.Workflows;

namespace Verwerving.Web;

public sealed record TenderRow(int Id, string Reference, string Title, string Region, string Phase, long? InstanceId, int Candidates, int Lots);
/// <summary>A tender as its page shows it: the record (the same model the documents print) with its workflow, findings and documents.</summary>
public sealed record TenderDetail(TenderRow Tender, IReadOnlyDictionary<string, int> Criteria, Verwerving.Documents.TenderModel Record,
    IReadOnlyList<FindingRow> Findings, IReadOnlyList<DocumentRow> Documents, bool CanStartWorkflow);
public sealed record AgreementRow(string Reference, string Provider, string Agb, string Lot, string Region, DateOnly Start, DateOnly End, string State, long? InstanceId);
public sealed record TimelineEvent(DateOnly On, string Kind, string Title, string Status);
public sealed record AgreementDetail(AgreementRow Agreement, IReadOnlyList<(int Year, long Cents)> Ceilings, IReadOnlyList<TimelineEvent> Timeline,
    IReadOnlyList<FindingRow> Findings, IReadOnlyList<DocumentRow> Documents);
public sealed record FindingRow(long Id, string RuleId, string RuleSet, string Severity, string SubjectType, string SubjectKey, DateOnly From, DateOnly To,
    string Explanation, string Source, string Status, DateTime OpenedAt, DateTime? ClosedAt, JsonNode? Facts);
public sealed record DocumentRow(long Id, string Template, string Title, string Subject, long? InstanceId, DateTime CreatedAt);
public sealed record InstanceRow(long Id, string Definition, int DefinitionVersion, string Subject, string StateTitle, bool Completed,
    string Title, string SubjectLabel);
public sealed record ProviderLink(string Agb, string Name, string AccountHolder);
/// <summary>A parameter as a form shows it: its label, its input type, and the values to pick from (a pick list) when it has them.</summary>
public sealed record FormField(string Name, string Type, bool Required, string Label, IReadOnlyList<ParameterOption> Options);
public sealed record InstancePage(InstanceView View, string Title, IReadOnlyDictionary<string, IReadOnlyList<FormField>> Fields, IReadOnlyList<DocumentRow> Documents,
    IReadOnlyDictionary<string, string> TriggerTitles, IReadOnlyDictionary<string, IReadOnlyList<PersonOption>> Assignable,
    IReadOnlyDictionary<string, string> StateTitles, IReadOnlyDictionary<string, string> Confirmations,
    string SubjectLabel, string? SubjectLink, string Regions, IReadOnlyList<StepRow> Steps)
{
    public string StateTitle(string state) => StateTitles.GetValueOrDefault(state, state);

    public string PersonName(string? login) => Assignable.Values.SelectMany(p => p).FirstOrDefault(p => p.Login == login)?.Name ?? login ?? "";

    public string TriggerTitle(string trigger) => TriggerTitles.GetValueOrDefault(trigger, trigger);
}
/// <summary>Someone a task can be given to.</summary>
public sealed record PersonOption(string Login, string Name);
/// <summary>A task with its workflow, the memo to read, and the decision on record when the task decides one.</summary>
public sealed record TaskDetail(TaskView Task, InstancePage Instance, DocumentRow? Memo, Decision? Decision);
public sealed record ActionRow(DateTime At, long InstanceId, string Subject, string Action, string Details);
public sealed record FindingFilter(string Status = "open", string? Set = null, string? Severity = null, string? Subject = null, int Limit = 500);

/// <summary>
/// What the pages and the JSON API read and do, with the viewer's rights applied in one place: the
/// same query serves a contract manager, an alderman and a provider, each limited to what is his.
/// </summary>
public sealed class Portal(VerwervingDb db, Viewer viewer, UseCases useCases, DefinitionCatalog catalog, NormBook norms, Rights rights)
{

    public Viewer Viewer => viewer;
    private WorkflowRuntime Runtime => useCases.Runtime;

    private static readonly RegionResource Regions = new("regio's");

    /// <summary>For a page that only a contract manager opens (the imports).</summary>
    public void RequireManager() => rights.Require(Regions, Access.Manage);

    public DateTime Now => Runtime.Clock.UtcNow;

    // ---- tenders ----

    public IReadOnlyList<TenderRow> Tenders()
    {
        rights.Require(Regions, Access.Read);
        var tenders = db.Tenders.AsNoTracking().Include(t => t.Candidates).Include(t => t.Lots).OrderByDescending(t => t.Reference).ToList();
        var instances = LatestInstances(tenders.Select(t => t.Reference));
        return tenders.Select(t => Row(t, instances.GetValueOrDefault(t.Reference))).ToList();
    }

    public TenderDetail Tender(string reference)
    {
        rights.Require(Regions, Access.Read);
        var t = db.Tenders.AsNoTracking().Include(x => x.Candidates).Include(x => x.Lots).FirstOrDefault(x => x.Reference == reference)
            ?? throw new NotFoundException($"Aanbesteding {reference} bestaat niet.");
        var instance = LatestInstance(reference);
        var record = new Verwerving.Documents.ModelBuilder(db, norms, WorkCalendar.DateOf(Now)).Tender(reference, instance);
        return new TenderDetail(Row(t, instance), t.CriteriaWeights, record, Findings(new FindingFilter(Subject: reference)), DocumentsAbout(reference),
            t.Phase == TenderPhase.Preparation && instance is not { Completed: false });
    }

    /// <summary>Starts the tender's workflow (the dialogue-based procedure) on a tender in preparation, or returns the one that runs.</summary>
    public long StartTenderWorkflow(string reference)
    {
        rights.Require(Regions, Access.Manage);
        var tender = db.Tenders.AsNoTracking().FirstOrDefault(t => t.Reference == reference) ?? throw new NotFoundException($"Aanbesteding {reference} bestaat niet.");
        if (LatestInstance(tender.Reference) is { Completed: false } running) return running.Id;
        var region = db.Regions.AsNoTracking().First(r => r.Code == tender.RegionCode);
        var scope = region.Kind == RegionKind.SupraRegional
            ? db.Regions.AsNoTracking().Where(r => r.ParentCode == region.Code).OrderBy(r => r.Code).Select(r => r.Code).ToList()
            : [region.Code];
        // Found by what it is about, not by its file name: a region may copy and rename the definition.
        var definition = catalog.ForSubject(SubjectKind.Tender) ?? throw new NotFoundException("Er is geen workflowdefinitie voor aanbestedingen.");
        return useCases.Start(definition.Id, reference, viewer.User, new Dictionary<string, string> { [WorkflowRuntime.ScopeField] = string.Join(',', scope) }).Id;
    }

    /// <summary>Publishes the award criteria (until the final bids) and re-checks the tender; returns the findings that still stand.</summary>
    public IReadOnlyList<string> SetCriteria(string reference, string text)
    {
        rights.Require(Regions, Access.Manage);
        var weights = TenderCriteria.Parse(text.Split(['\n', ',', ';'], StringSplitOptions.RemoveEmptyEntries));
        return useCases.SetCriteria(reference, weights, viewer.User).Standing.Select(f => f.Explanation).ToList();
    }

    private TenderRow Row(Tender t, WorkflowInstance? instance) => new(t.Id, t.Reference, t.Title, t.RegionCode,
        instance is null ? Nl.TenderPhase(t.Phase) : catalog.ForInstance(db, instance).State(instance.State).Title, instance?.Id, t.Candidates.Count, t.Lots.Count);

    // ---- agreements ----

    public IReadOnlyList<AgreementRow> Agreements()
    {
        var q = db.Agreements.AsNoTracking();
        if (viewer.IsProvider) q = q.Where(a => a.ProviderId == viewer.Provider!.Id);
        var agreements = q.OrderBy(a => a.Reference).ToList();
        var providers = db.Providers.AsNoTracking().ToDictionary(p => p.Id);
        var instances = LatestInstances(agreements.Select(a => a.Reference));
        return agreements.Select(a => AgreementRowOf(a, providers[a.ProviderId], instances.GetValueOrDefault(a.Reference))).ToList();
    }

    public AgreementDetail Agreement(string reference)
    {
        var a = db.Agreements.AsNoTracking().Include(x => x.Ceilings).FirstOrDefault(x => x.Reference == reference)
            ?? throw new NotFoundException($"Overeenkomst {reference} bestaat niet.");
        rights.Require(a, Access.Read);
        var provider = db.Providers.AsNoTracking().First(p => p.Id == a.ProviderId);
        var instance = LatestInstance(reference);
        return new AgreementDetail(AgreementRowOf(a, provider, instance),
            a.Ceilings.OrderBy(c => c.Year).Select(c => (c.Year, c.AmountCents)).ToList(),
            Timeline(a, instance),
            Findings(new FindingFilter(Status: "all", Subject: reference)),
            DocumentsAbout(reference));
    }

    private AgreementRow AgreementRowOf(Agreement a, Provider p, WorkflowInstance? instance) => new(a.Reference, p.Name, p.AgbCode, a.LotCode, a.RegionCode,
        a.Start, a.End, instance is null ? "niet gevolgd in Verwerving" : catalog.ForInstance(db, instance).State(instance.State).Title, instance?.Id);

    /// <summary>
    /// Nine years on one line: the start, the governance meetings (three a year: held from the audit trail,
    /// the rest planned), the evaluations after 3 and 6 years with their workflow's state, and the end.
    /// </summary>
    private List<TimelineEvent> Timeline(Agreement a, WorkflowInstance? instance)
    {
        var today = WorkCalendar.DateOf(Now);
        var events = new List<TimelineEvent> { new(a.Start, "start", "Ingang van de overeenkomst", a.Start <= today ? "gebeurd" : "gepland") };
        // Meetings are recorded per partner, in whichever of its partnerships; a partnership not followed here has none on record.
        var held = instance is null ? [] : db.PartnerMeetings.AsNoTracking().Where(m => m.ProviderId == a.ProviderId && m.HeldOn >= a.Start && m.HeldOn <= a.End)
            .Select(m => m.HeldOn).OrderBy(d => d).ToList();
        events.AddRange(held.Select(d => new TimelineEvent(d, "overleg", "Bestuurlijk overleg", "gehouden")));
        for (var d = (held.Count > 0 ? held.Max() : a.Start).AddMonths(4); d < a.End; d = d.AddMonths(4))
            if (held.Count > 0 || d > today) events.Add(new TimelineEvent(d, "overleg", "Bestuurlijk overleg", d <= today ? "niet gehouden" : "gepland"));
        // The evaluations on record, with the state of the workflow that runs on each.
        var evaluations = db.Evaluations.AsNoTracking().Where(e => e.AgreementId == a.Id).ToList();
        var keys = evaluations.Select(e => e.Key).ToList();
        var running = db.Set<WorkflowInstance>().AsNoTracking().Where(i => keys.Contains(i.SubjectKey)).ToList();
        foreach (var (due, round) in new[] { (a.FirstEvaluationDue, 1), (a.SecondEvaluationDue, 2) })
        {
            if (a.EndedOn is { } ended && ended < due) continue;
            var evaluation = evaluations.FirstOrDefault(e => e.Round == round);
            var workflow = evaluation is null ? null : running.Where(i => i.SubjectKey == evaluation.Key).MaxBy(i => i.StartedAt);
            var status = evaluation switch
            {
                null => due <= today ? "niet gestart" : "gepland",
                { Outcome: { } outcome } => "besloten: " + EvaluationOutcomes.Dutch(outcome),
                _ when workflow is not null => catalog.ForInstance(db, workflow).State(workflow.State).Title,
                _ => "gestart",
            };
            events.Add(new TimelineEvent(due, "evaluatie", $"Evaluatie na {Evaluation.YearsAfter(round)} jaar", status));
        }
        events.Add(new TimelineEvent(a.End, "einde", a.EndedOn is null ? "Einde van de looptijd" : "Beëindigd", a.End <= today ? "gebeurd" : "gepland"));
        return events.OrderBy(e => e.On).ToList();
    }

    // ---- findings ----

    public IReadOnlyList<FindingRow> Findings(FindingFilter filter)
    {
        var q = UseCases.Filter(db.Findings.AsNoTracking(), new FindingQuery(filter.Status, filter.Set, filter.Severity, filter.Subject));
        if (viewer.IsProvider)
        {
            var mine = viewer.Agreements.Append(viewer.Provider!.AgbCode).ToList();
            q = q.Where(f => mine.Contains(f.SubjectKey));
        }
        return q.OrderByDescending(f => f.Severity).ThenBy(f => f.RuleSet).ThenBy(f => f.RuleId).ThenBy(f => f.SubjectKey).ThenBy(f => f.PeriodStart)
            .Take(Math.Clamp(filter.Limit, 1, 5000)).ToList().Select(f => FindingRowOf(f, false)).ToList();
    }

    /// <summary>Open findings the viewer may see, and how many of them block.</summary>
    public (int Open, int Blocking) FindingCounts()
    {
        var q = db.Findings.AsNoTracking().Where(f => f.Status == FindingStatus.Open);
        if (viewer.IsProvider)
        {
            var mine = viewer.Agreements.Append(viewer.Provider!.AgbCode).ToList();
            q = q.Where(f => mine.Contains(f.SubjectKey));
        }
        return (q.Count(), q.Count(f => f.Severity == Severity.Blocking));
    }

    public FindingRow Finding(long id)
    {
        var f = db.Findings.AsNoTracking().FirstOrDefault(x => x.Id == id) ?? throw new NotFoundException($"Bevinding {id} bestaat niet.");
        rights.Require(new SubjectResource(f.SubjectKey), Access.Read);
        return FindingRowOf(f, true);
    }

    private static FindingRow FindingRowOf(Finding f, bool facts) => new(f.Id, f.RuleId, f.RuleSet, f.Severity.ToString().ToLowerInvariant(), f.SubjectType, f.SubjectKey,
        f.PeriodStart, f.PeriodEnd, f.Explanation, f.Source, f.Status == FindingStatus.Open ? "open" : "gesloten", f.OpenedAt, f.ClosedAt,
        facts ? JsonNode.Parse(f.FactsJson) : null);

    // ---- workflow instances ----

    public IReadOnlyList<InstanceRow> Instances()
    {
        rights.Require(Regions, Access.Read);
        var labels = new SubjectLabels(db);
        return db.Set<WorkflowInstance>().AsNoTracking().OrderBy(i => i.Id).ToList().Where(viewer.SeesInstance)
            .Select(i => (Instance: i, Definition: catalog.ForInstance(db, i)))
            .Select(x => new InstanceRow(x.Instance.Id, x.Instance.DefinitionId, x.Instance.DefinitionVersion, x.Instance.SubjectKey,
                x.Definition.State(x.Instance.State).Title, x.Instance.Completed, x.Definition.Title, labels.Label(x.Definition.Subject, x.Instance.SubjectKey)))
            .ToList();
    }

    public InstancePage Instance(long id)
    {
        var instance = LoadInstance(id);
        var view = Runtime.Show(id, viewer.User);
        var definition = catalog.ForInstance(db, instance);
        var scope = WorkflowRuntime.RegionsOf(instance);
        var fields = definition.Triggers.Where(t => view.Permitted.Any(o => o.Trigger == t.Id)).ToDictionary(t => t.Id,
            t => (IReadOnlyList<FormField>)t.Parameters.Select(p => new FormField(p.Name, p.Type, p.Required, p.Label, ParameterValues.Options(db, p, scope, instance.SubjectKey))).ToList());
        // Only a contract manager hands tasks on; the others see who holds them.
        var assignable = new Dictionary<string, IReadOnlyList<PersonOption>>();
        var users = db.Users.AsNoTracking().OrderBy(u => u.DisplayName).ToList();
        if (viewer.IsManager)
        {
            foreach (var role in view.Tasks.Select(t => t.Role).Distinct())
                assignable[role] = users.Where(u => u.HasRole(role)).Select(u => new PersonOption(u.Login, u.DisplayName)).ToList();
        }
        var people = users.ToDictionary(u => u.Login, u => u.DisplayName);
        var providers = db.Providers.AsNoTracking().ToDictionary(p => p.AgbCode, p => p.Name);
        var steps = new StepText(definition, login => people.GetValueOrDefault(login, login == Roles.System ? "Systeem" : login), agb => providers.GetValueOrDefault(agb));
        var regionNames = db.Regions.AsNoTracking().Where(r => scope.Contains(r.Code)).OrderBy(r => r.Name).Select(r => r.Name).ToList();
        return new InstancePage(view, definition.Title, fields,
            db.Documents.AsNoTracking().Where(d => d.InstanceId == id).OrderBy(d => d.Id).Select(d => new DocumentRow(d.Id, d.TemplateId, d.Title, d.SubjectKey, d.InstanceId, d.CreatedAt)).ToList(),
            definition.Triggers.ToDictionary(t => t.Id, t => t.Title), assignable, definition.States.ToDictionary(s => s.Id, s => s.Title),
            definition.Triggers.Where(t => t.Confirm is not null).ToDictionary(t => t.Id, t => t.Confirm!),
            new SubjectLabels(db).Label(definition.Subject, instance.SubjectKey), SubjectLink(definition.Subject, instance.SubjectKey), string.Join(" en ", regionNames),
            view.History.Select(steps.Describe).ToList());
    }

    /// <summary>The page of a workflow's subject record, when it has one.</summary>
    private static string? SubjectLink(SubjectKind kind, string subject) => kind switch
    {
        SubjectKind.Tender => "/aanbestedingen/" + Uri.EscapeDataString(subject),
        SubjectKind.Agreement or SubjectKind.Evaluation => "/overeenkomsten/" + Uri.EscapeDataString(SubjectKinds.RecordKey(subject)),
        SubjectKind.Provider => "/monitor/" + Uri.EscapeDataString(SubjectKinds.RecordKey(subject)),
        SubjectKind.Decision => "/besluiten",
        _ => null,
    };

    /// <summary>What each task is about, as a person calls it (the provider and lot, the decision's title), by task.</summary>
    public IReadOnlyDictionary<long, string> SubjectLabels(IReadOnlyList<TaskView> tasks)
    {
        var labels = new SubjectLabels(db);
        var ids = tasks.Select(t => t.InstanceId).Distinct().ToList();
        var instances = db.Set<WorkflowInstance>().AsNoTracking().Where(i => ids.Contains(i.Id)).ToDictionary(i => i.Id);
        return tasks.ToDictionary(t => t.Id, t => labels.Label(catalog.ForInstance(db, instances[t.InstanceId]).Subject, t.Subject));
    }

    /// <summary>A contract manager gives an open task of a workflow he sees to one person with its role.</summary>
    public HumanTask Reassign(long taskId, string toLogin)
    {
        var task = db.Set<HumanTask>().AsNoTracking().FirstOrDefault(t => t.Id == taskId) ?? throw new NotFoundException($"Taak {taskId} bestaat niet.");
        LoadInstance(task.InstanceId);
        rights.Require(Regions, Access.Manage);
        return Runtime.Reassign(taskId, toLogin, viewer.User);
    }

    /// <summary>A contract manager puts a timer that failed every attempt back in line.</summary>
    public void RetryIncident(long instanceId, long timerId)
    {
        LoadInstance(instanceId);
        rights.Require(Regions, Access.Manage);
        if (Runtime.Incidents(instanceId).All(i => i.TimerId != timerId)) throw new NotFoundException($"Timer {timerId} is geen incident van deze instantie.");
        Runtime.RetryIncident(timerId, viewer.User);
    }

    /// <summary>Fires a trigger from a page; an irreversible one (confirm: in its definition) needs the person's confirmation.</summary>
    public FireResult Fire(long id, string trigger, IReadOnlyDictionary<string, string> parameters, string? idempotencyKey, bool confirmed = true)
    {
        var instance = LoadInstance(id);
        if (!confirmed && catalog.ForInstance(db, instance).Trigger(trigger) is { Confirm: { } question } t)
            throw new RefusedException($"'{t.Title}' is niet uitgevoerd:", [$"Bevestig eerst: {question}"]);
        return useCases.Fire(id, trigger, viewer.User, parameters, string.IsNullOrWhiteSpace(idempotencyKey) ? null : idempotencyKey);
    }

    private WorkflowInstance LoadInstance(long id)
    {
        var instance = db.Set<WorkflowInstance>().AsNoTracking().FirstOrDefault(i => i.Id == id) ?? throw new NotFoundException($"Instantie {id} bestaat niet.");
        rights.Require(instance, Access.Read);
        return instance;
    }

    // A record's own workflow runs on its exact key; a workflow under it (an evaluation) has "/" and its own part.
    private WorkflowInstance? LatestInstance(string subject) =>
        db.Set<WorkflowInstance>().AsNoTracking().Where(i => i.SubjectKey == subject).OrderByDescending(i => i.Id).FirstOrDefault();

    private Dictionary<string, WorkflowInstance> LatestInstances(IEnumerable<string> subjects)
    {
        var keys = subjects.ToList();
        return db.Set<WorkflowInstance>().AsNoTracking().Where(i => keys.Contains(i.SubjectKey)).ToList()
            .GroupBy(i => i.SubjectKey).ToDictionary(g => g.Key, g => g.MaxBy(i => i.Id)!);
    }

    // ---- inbox ----

    public IReadOnlyList<TaskView> Inbox()
    {
        var tasks = Runtime.Inbox(viewer.User);
        var ids = tasks.Select(t => t.InstanceId).Distinct().ToList();
        var seen = db.Set<WorkflowInstance>().AsNoTracking().Where(i => ids.Contains(i.Id)).ToList().Where(viewer.SeesInstance).Select(i => i.Id).ToHashSet();
        return tasks.Where(t => seen.Contains(t.InstanceId)).ToList();
    }

    public TaskDetail Task(long taskId)
    {
        var task = RequireTask(taskId);
        var page = Instance(task.InstanceId);
        var view = page.View.Tasks.FirstOrDefault(t => t.Id == taskId)
            ?? throw new AccessDeniedException($"Taak {taskId} is al afgehandeld.");
        // The document rendered last is the one the task is about (the memo, the evaluation report).
        var memo = page.Documents.LastOrDefault();
        var decision = db.Decisions.AsNoTracking().FirstOrDefault(x => x.Reference == view.Subject);
        return new TaskDetail(view, page, memo, decision);
    }

    public FireResult Complete(long taskId, string outcome, string? reason, string? idempotencyKey, IReadOnlyDictionary<string, string>? values = null)
    {
        RequireTask(taskId);
        return useCases.CompleteTask(taskId, outcome, viewer.User, string.IsNullOrWhiteSpace(reason) ? null : reason,
            string.IsNullOrWhiteSpace(idempotencyKey) ? null : idempotencyKey, values);
    }

    /// <summary>The task, when its workflow is the viewer's to see and its role is his; the runtime still checks the mandate.</summary>
    private HumanTask RequireTask(long taskId)
    {
        var task = db.Set<HumanTask>().AsNoTracking().FirstOrDefault(t => t.Id == taskId) ?? throw new NotFoundException($"Taak {taskId} bestaat niet.");
        LoadInstance(task.InstanceId);
        if (!viewer.User.HasRole(task.Role)) throw new AccessDeniedException($"Deze taak is voor de rol {task.Role}.");
        return task;
    }

    /// <summary>What this user did in workflows, newest first: an alderman's decisions taken.</summary>
    public IReadOnlyList<ActionRow> MyActions()
    {
        var entries = db.AuditEntries.AsNoTracking().Where(a => a.Actor == viewer.Login && a.SubjectType == "WorkflowInstance")
            .OrderByDescending(a => a.Sequence).Take(200).ToList();
        var ids = entries.Select(e => long.Parse(e.SubjectKey, CultureInfo.InvariantCulture)).Distinct().ToList();
        var subjects = db.Set<WorkflowInstance>().AsNoTracking().Where(i => ids.Contains(i.Id)).ToDictionary(i => i.Id, i => i.SubjectKey);
        return entries.Select(e =>
        {
            var id = long.Parse(e.SubjectKey, CultureInfo.InvariantCulture);
            return new ActionRow(e.At, id, subjects.GetValueOrDefault(id, "?"), e.Action, e.DetailsJson);
        }).ToList();
    }

    // ---- monitor and documents ----

    /// <summary>The quarterly monitor of a region (ZK, IJM, ZKIJ) or a provider (AGB), as the account-holding region reads it.</summary>
    public MonitorModel Monitor(string subject, int? year, int? quarter)
    {
        var isRegion = db.Regions.AsNoTracking().Any(r => r.Code == subject);
        if (isRegion) rights.Require(Regions, Access.Read);
        else rights.Require(new SubjectResource(subject), Access.Read);
        var last = LastQuarter();
        return new Verwerving.Documents.ModelBuilder(db, norms, WorkCalendar.DateOf(Now))
            .Monitor(isRegion ? subject : null, isRegion ? null : subject, year ?? last.Year, quarter ?? last.Quarter);
    }

    /// <summary>The last completed quarter by the (simulated) clock: the one a quarterly monitor reports on by default.</summary>
    public (int Year, int Quarter) LastQuarter()
    {
        var today = WorkCalendar.DateOf(Now);
        var end = new DateOnly(today.Year, (today.Month - 1) / 3 * 3 + 1, 1).AddDays(-1);
        return (end.Year, (end.Month - 1) / 3 + 1);
    }

    /// <summary>Providers with their account-holding region, for choosing a monitor.</summary>
    public IReadOnlyList<ProviderLink> MonitorProviders()
    {
        rights.Require(Regions, Access.Read);
        return db.Providers.AsNoTracking().OrderBy(p => p.Name).ToList().Select(p => new ProviderLink(p.AgbCode, p.Name, p.AccountHoldingRegionCode ?? "—")).ToList();
    }

    /// <summary>The latest continuity escalation of a provider, if it is the viewer's to follow.</summary>
    public long? EscalationOf(string agb)
    {
        rights.Require(new SubjectResource(agb), Access.Read);
        return LatestInstance(agb)?.Id;
    }

    public RenderedDocument Document(long id)
    {
        var d = db.Documents.AsNoTracking().FirstOrDefault(x => x.Id == id) ?? throw new NotFoundException($"Document {id} bestaat niet.");
        if (d.InstanceId is { } i) LoadInstance(i);
        else rights.Require(new SubjectResource(d.SubjectKey), Access.Read);
        return d;
    }

    public IReadOnlyList<DocumentRow> DocumentsAbout(string subject) =>
        db.Documents.AsNoTracking().Where(d => d.SubjectKey == subject || d.SubjectKey.StartsWith(subject + "/")).OrderBy(d => d.Id)
            .Select(d => new DocumentRow(d.Id, d.TemplateId, d.Title, d.SubjectKey, d.InstanceId, d.CreatedAt)).ToList()
            .Where(d => viewer.SeesSubject(d.Subject)).ToList();

    // ---- imports ----

    public static IReadOnlyList<string> ImportKinds => UseCases.ImportKinds;

    /// <summary>Imports uploaded files as they stream in, each whole or not at all; the report names what was refused and why.</summary>
    public IReadOnlyList<ImportReport> Import(string kind, IReadOnlyList<Upload> files)
    {
        rights.Require(Regions, Access.Manage);
        return useCases.Import(kind, files.Select(f => CsvSource.Stream(SafeName(f.Name), f.Length, f.Open)).ToList());
    }

    private static string SafeName(string name)
    {
        var file = Path.GetFileName(name.Replace('\\', '/'));
        // A BSN in a file name must not reach the audit trail or the answer.
        return string.IsNullOrWhiteSpace(file) ? "upload" : Pseudonymizer.MaskBsns(string.Concat(file.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_')));
    }
}
