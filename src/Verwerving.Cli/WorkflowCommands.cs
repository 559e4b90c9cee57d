using System.CommandLine;
using System.Globalization;
using Verwerving.Domain;
using Verwerving.Persistence;
using Verwerving.Workflows;

namespace Verwerving.Cli;

/// <summary>definitions, instances, inbox and clock: the workflow runtime from the command line.</summary>
internal static class WorkflowCommands
{
    public static readonly Option<string?> WorkflowsOption = new("--workflows") { Description = "Map met workflowdefinities (standaard: workflows/)", Recursive = true };
    internal static readonly Option<string> AsOption = new("--as") { Description = "Inlognaam van de gebruiker", Required = true };

    internal static DefinitionCatalog Catalog(ParseResult parse) =>
        new(parse.GetValue(WorkflowsOption) ?? DefinitionCatalog.DefaultFolder(), DocumentCommands.Templates(parse).Exists);

    internal static Verwerving.Documents.RuntimeFactory Factory(ParseResult parse) =>
        new(Catalog(parse), DocumentCommands.Templates(parse), () => RulesCommands.Norms(parse));

    internal static WorkflowRuntime Runtime(ParseResult parse, VerwervingDb db) => Factory(parse).For(db);

    public static IEnumerable<Command> Create(TextWriter output, TextWriter error)
    {
        yield return Definitions(output, error);
        yield return Instances(output, error);
        yield return Inbox(output, error);
        yield return Clock(output, error);
    }

    private static Command Definitions(TextWriter output, TextWriter error)
    {
        var command = new Command("definitions", "Workflowdefinities (workflows/*.yaml)");
        var list = new Command("list", "Toont de definities");
        list.SetAction(Cli.Action(output, error, (parse, ctx) =>
        {
            var defs = Catalog(parse).All().Select(d => new { d.Id, d.Version, d.Title, States = d.States.Count, Triggers = d.Triggers.Count, File = d.SourceFile }).ToList();
            ctx.Print(defs, w => { foreach (var d in defs) w.WriteLine($"{d.Id,-28} v{d.Version,-3} {d.States,3} statussen {d.Triggers,3} triggers  {d.Title}"); });
            return ExitCodes.Ok;
        }));
        var id = new Argument<string>("id") { Description = "Id van de definitie" };
        var show = new Command("show", "Toont een definitie: statussen, triggers, rollen, guards en timers") { id };
        show.SetAction(Cli.Action(output, error, (parse, ctx) =>
        {
            var d = Catalog(parse).Current(parse.GetValue(id)!);
            var view = new
            {
                d.Id, d.Version, d.Title, Data = d.Defaults.ToDictionary(kv => kv.Key, kv => kv.Value.ToString()),
                States = d.States.Select(s => new { s.Id, s.Title, s.Initial, s.Final, Timers = s.Timers.Select(TimerText).ToList(), OnEntry = s.OnEntry.Select(ActionText).ToList() }),
                Triggers = d.Triggers.Select(t => new { t.Id, t.Title, t.From, t.To, t.Roles, Parameters = t.Parameters.Select(p => p.Name), Guards = t.Guards.Select(g => g.Condition?.ToString() ?? "regelset " + g.RuleSet), Quorum = t.RegionQuorum }),
            };
            ctx.Print(view, w =>
            {
                w.WriteLine($"{d.Title} ({d.Id} v{d.Version})");
                w.WriteLine($"Velden: {string.Join(", ", d.Defaults.Select(kv => $"{kv.Key}={kv.Value}"))}");
                w.WriteLine("Statussen:");
                foreach (var s in d.States)
                {
                    w.WriteLine($"  {s.Id}{(s.Initial ? " [begin]" : "")}{(s.Final ? " [eind]" : "")} — {s.Title}");
                    foreach (var t in s.Timers) w.WriteLine($"      timer: {TimerText(t)}");
                    foreach (var a in s.OnEntry) w.WriteLine($"      bij binnenkomst: {ActionText(a)}");
                }
                w.WriteLine("Triggers:");
                foreach (var t in d.Triggers)
                {
                    w.WriteLine($"  {t.Id}: {string.Join("|", t.From)} → {t.To}  (rollen: {string.Join(", ", t.Roles)}{(t.RegionQuorum ? "; alle regio's" : "")})");
                    foreach (var g in t.Guards) w.WriteLine($"      guard: {g.Condition?.ToString() ?? "regelset " + g.RuleSet} — {g.Message}");
                }
            });
            return ExitCodes.Ok;
        }));
        var file = new Argument<string>("file") { Description = "Pad naar een definitiebestand" };
        var validate = new Command("validate", "Controleert een definitiebestand en noemt elke fout met regel en veld") { file };
        validate.SetAction(Cli.Action(output, error, (parse, ctx) =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path)) throw new InputException($"Bestand niet gevonden: {path}");
            var catalog = Catalog(parse);
            try
            {
                var d = catalog.Loader().LoadFile(path);
                ctx.Print(new { Valid = true, d.Id, d.Version, Errors = Array.Empty<string>() }, w => w.WriteLine($"{path}: geldig ({d.Id} v{d.Version}, {d.States.Count} statussen, {d.Triggers.Count} triggers)"));
                return ExitCodes.Ok;
            }
            catch (DefinitionException ex)
            {
                ctx.Print(new { Valid = false, Errors = ex.Errors }, w =>
                {
                    w.WriteLine($"{path}: {ex.Errors.Count} fout(en)");
                    foreach (var e in ex.Errors) w.WriteLine($"  {e}");
                });
                return ExitCodes.BadInput;
            }
        }));
        var graph = new Command("graph", "Exporteert een definitie als Mermaid-diagram") { id };
        graph.SetAction(Cli.Action(output, error, (parse, ctx) =>
        {
            var mermaid = WorkflowGraph.Mermaid(Catalog(parse).Current(parse.GetValue(id)!));
            ctx.Print(new { Mermaid = mermaid }, w => w.WriteLine(mermaid));
            return ExitCodes.Ok;
        }));
        command.Subcommands.Add(list);
        command.Subcommands.Add(show);
        command.Subcommands.Add(validate);
        command.Subcommands.Add(graph);
        return command;
    }

    private static Command Instances(TextWriter output, TextWriter error)
    {
        var command = new Command("instances", "Lopende en afgeronde workflowinstanties");
        var definition = new Argument<string>("definition") { Description = "Id van de definitie" };
        var subject = new Option<string>("--subject") { Description = "Onderwerp: kenmerk van aanbesteding, overeenkomst of besluit", Required = true };
        var dataOption = new Option<string[]>("--data") { Description = "Beginwaarde van een veld: NAAM=WAARDE" };
        var start = new Command("start", "Start een instantie") { definition };
        start.Options.Add(subject);
        start.Options.Add(AsOption);
        start.Options.Add(dataOption);
        start.SetAction(Cli.Action(output, error, (parse, ctx) =>
        {
            using var db = ctx.OpenDb();
            var useCases = Factory(parse).UseCases(db);
            var user = db.RequireUser(parse.GetValue(AsOption)!);
            var instance = useCases.Start(parse.GetValue(definition)!, parse.GetValue(subject)!, user, Pairs(parse.GetValue(dataOption), "--data"));
            var view = useCases.Runtime.Show(instance.Id, user);
            ctx.Print(view, w => { w.WriteLine($"Instantie {instance.Id} gestart."); WriteInstance(w, view); });
            return ExitCodes.Ok;
        }));
        var idArg = new Argument<long>("id") { Description = "Nummer van de instantie" };
        var asOptional = new Option<string?>("--as") { Description = "Bekijk als deze gebruiker (welke triggers hij mag)" };
        var show = new Command("show", "Toont status, mogelijke en geweigerde triggers met redenen, taken, timers en geschiedenis") { idArg };
        show.Options.Add(asOptional);
        show.SetAction(Cli.Action(output, error, (parse, ctx) =>
        {
            using var db = ctx.OpenDb();
            var runtime = Runtime(parse, db);
            var viewer = parse.GetValue(asOptional) is { } login ? runtime.RequireUser(login) : null;
            var view = runtime.Show(parse.GetValue(idArg), viewer);
            ctx.Print(view, w => WriteInstance(w, view));
            return ExitCodes.Ok;
        }));
        var list = new Command("list", "Toont de instanties");
        list.SetAction(Cli.Action(output, error, (parse, ctx) =>
        {
            using var db = ctx.OpenDb();
            var rows = db.Set<WorkflowInstance>().OrderBy(i => i.Id)
                .Select(i => new { i.Id, i.DefinitionId, i.DefinitionVersion, i.SubjectKey, i.State, i.Completed, i.ParentId }).ToList();
            ctx.Print(rows, w => { foreach (var r in rows) w.WriteLine($"{r.Id,5} {r.DefinitionId,-28} v{r.DefinitionVersion} {r.SubjectKey,-28} {r.State}{(r.Completed ? " (afgerond)" : "")}"); });
            return ExitCodes.Ok;
        }));
        var trigger = new Argument<string>("trigger") { Description = "Trigger om af te vuren" };
        var param = new Option<string[]>("--param") { Description = "Parameter: NAAM=WAARDE" };
        var key = new Option<string?>("--key") { Description = "Idempotentiesleutel: dezelfde sleutel nog eens verandert niets" };
        var fire = new Command("fire", "Vuurt een trigger af als gebruiker") { idArg, trigger };
        fire.Options.Add(AsOption);
        fire.Options.Add(param);
        fire.Options.Add(key);
        fire.SetAction(Cli.Action(output, error, (parse, ctx) =>
        {
            using var db = ctx.OpenDb();
            var useCases = Factory(parse).UseCases(db);
            var user = db.RequireUser(parse.GetValue(AsOption)!);
            var result = useCases.Fire(parse.GetValue(idArg), parse.GetValue(trigger)!, user, Pairs(parse.GetValue(param), "--param"), parse.GetValue(key));
            ctx.Print(result, w => w.WriteLine(result.Message));
            return ExitCodes.Ok;
        }));
        command.Subcommands.Add(start);
        command.Subcommands.Add(show);
        command.Subcommands.Add(list);
        command.Subcommands.Add(fire);
        return command;
    }

    private static Command Inbox(TextWriter output, TextWriter error)
    {
        var command = new Command("inbox", "Taken van een gebruiker, binnen zijn mandaat");
        command.Options.Add(AsOption);
        command.SetAction(Cli.Action(output, error, (parse, ctx) =>
        {
            using var db = ctx.OpenDb();
            var runtime = Runtime(parse, db);
            var user = runtime.RequireUser(parse.GetValue(AsOption)!);
            var tasks = runtime.Inbox(user);
            ctx.Print(tasks, w =>
            {
                if (tasks.Count == 0) w.WriteLine($"Geen openstaande taken voor {user.DisplayName}.");
                foreach (var t in tasks)
                    w.WriteLine($"taak {t.Id,-5} {t.Definition} {t.Subject} (instantie {t.InstanceId}, {t.State}): {t.Title}{TermText(t)}  [{string.Join(" | ", new[] { t.Approve is null ? null : "approve", t.Reject is null ? null : "reject", t.SendBack is null ? null : "send-back" }.OfType<string>())}]");
            });
            return ExitCodes.Ok;
        }));
        var taskArg = new Argument<long>("task") { Description = "Nummer van de taak" };
        var to = new Option<string>("--to") { Description = "Inlognaam van wie de taak overneemt (met dezelfde rol)", Required = true };
        var reassign = new Command("reassign", "Wijst een open taak toe aan één persoon met dezelfde rol (contractmanager)") { taskArg, to };
        reassign.Options.Add(AsOption);
        reassign.SetAction(Cli.Action(output, error, (parse, ctx) =>
        {
            using var db = ctx.OpenDb();
            var runtime = Runtime(parse, db);
            var task = runtime.Reassign(parse.GetValue(taskArg), parse.GetValue(to)!, runtime.RequireUser(parse.GetValue(AsOption)!));
            ctx.Print(new { Task = task.Id, task.AssignedTo }, w => w.WriteLine($"Taak {task.Id} ({task.Title}) is toegewezen aan {task.AssignedTo}."));
            return ExitCodes.Ok;
        }));
        command.Subcommands.Add(reassign);
        foreach (var outcome in new[] { "approve", "reject", "send-back" })
        {
            var task = new Argument<long>("task") { Description = "Nummer van de taak" };
            var reason = new Option<string?>("--reason") { Description = "Reden (verplicht bij afwijzen en terugsturen)" };
            var key = new Option<string?>("--key") { Description = "Idempotentiesleutel" };
            var values = new Option<string[]>("--param") { Description = "Waarde die de stap vraagt: NAAM=WAARDE (bijvoorbeeld het overleg: datum, deelnemers, verslag)" };
            var sub = new Command(outcome, outcome switch { "approve" => "Keurt goed", "reject" => "Wijst af, met reden", _ => "Stuurt terug, met reden" }) { task };
            sub.Options.Add(AsOption);
            sub.Options.Add(reason);
            sub.Options.Add(key);
            sub.Options.Add(values);
            sub.SetAction(Cli.Action(output, error, (parse, ctx) =>
            {
                using var db = ctx.OpenDb();
                var useCases = Factory(parse).UseCases(db);
                var user = db.RequireUser(parse.GetValue(AsOption)!);
                var result = useCases.CompleteTask(parse.GetValue(task), outcome, user, parse.GetValue(reason), parse.GetValue(key), Pairs(parse.GetValue(values), "--param"));
                ctx.Print(result, w => w.WriteLine(result.Message));
                return ExitCodes.Ok;
            }));
            command.Subcommands.Add(sub);
        }
        return command;
    }

    private static Command Clock(TextWriter output, TextWriter error)
    {
        var command = new Command("clock", "De (gesimuleerde) klok");
        var show = new Command("show", "Toont de huidige tijd en de eerstvolgende timers");
        show.SetAction(Cli.Action(output, error, (parse, ctx) =>
        {
            using var db = ctx.OpenDb();
            var clock = DatabaseClock.Load(db);
            var next = db.Set<WorkflowTimer>().Where(t => t.Status == TimerStatus.Pending).OrderBy(t => t.AttemptAt).Take(5)
                .Select(t => new { t.InstanceId, t.Trigger, DueAt = t.AttemptAt }).ToList();
            ctx.Print(new { Now = clock.UtcNow, Simulated = clock.IsSimulated, Next = next }, w =>
            {
                w.WriteLine($"Nu: {clock.UtcNow:yyyy-MM-dd HH:mm} UTC ({(clock.IsSimulated ? "gesimuleerd" : "systeemklok")})");
                foreach (var t in next) w.WriteLine($"  timer {t.DueAt:yyyy-MM-dd HH:mm}: {t.Trigger} (instantie {t.InstanceId})");
            });
            return ExitCodes.Ok;
        }));
        var duration = new Argument<string>("duration") { Description = "Duur: 20d, 4w, 4m, 3y" };
        var advance = new Command("advance", "Zet de gesimuleerde klok vooruit en vuurt af wat verviel, in volgorde") { duration };
        advance.SetAction(Cli.Action(output, error, (parse, ctx) =>
        {
            if (!Duration.TryParse(parse.GetValue(duration)!, out var d)) throw new InputException($"'{parse.GetValue(duration)}' is geen duur ({Duration.Examples}).");
            using var db = ctx.OpenDb();
            var runtime = Runtime(parse, db);
            var until = runtime.Calendar.Add(runtime.Clock.UtcNow, d);
            var fired = runtime.AdvanceClock(new DateTimeOffset(until, TimeSpan.Zero));
            ctx.Print(new { Now = until, Fired = fired }, w =>
            {
                w.WriteLine($"Klok staat op {until:yyyy-MM-dd HH:mm} UTC; {fired.Count} timer(s) afgevuurd.");
                foreach (var f in fired) w.WriteLine($"  instantie {f.InstanceId}: {f.Message}");
            });
            return ExitCodes.Ok;
        }));
        var dateArg = new Argument<string>("date") { Description = "Datum (jjjj-mm-dd)" };
        var set = new Command("set", "Zet de gesimuleerde klok op een datum (niet terug) en vuurt af wat verviel") { dateArg };
        set.SetAction(Cli.Action(output, error, (parse, ctx) =>
        {
            if (!DateOnly.TryParseExact(parse.GetValue(dateArg), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                throw new InputException($"'{parse.GetValue(dateArg)}' is geen datum (jjjj-mm-dd).");
            using var db = ctx.OpenDb();
            var runtime = Runtime(parse, db);
            var fired = runtime.AdvanceClock(new DateTimeOffset(WorkCalendar.At(date, new TimeOnly(9, 0)), TimeSpan.Zero));
            ctx.Print(new { Now = runtime.Clock.UtcNow, Fired = fired }, w => w.WriteLine($"Klok staat op {runtime.Clock.UtcNow:yyyy-MM-dd HH:mm} UTC; {fired.Count} timer(s) afgevuurd."));
            return ExitCodes.Ok;
        }));
        command.Subcommands.Add(show);
        command.Subcommands.Add(advance);
        command.Subcommands.Add(set);
        return command;
    }

    internal static void WriteInstance(TextWriter w, InstanceView v)
    {
        w.WriteLine($"Instantie {v.Id}: {v.Definition} v{v.DefinitionVersion} — {v.Subject}");
        w.WriteLine($"Status: {v.State} ({v.StateTitle}) sinds {v.EnteredStateAt:yyyy-MM-dd}{(v.Completed ? " — afgerond" : "")}");
        if (v.Data.Count > 0) w.WriteLine($"Gegevens: {string.Join(", ", v.Data.Select(kv => $"{kv.Key}={kv.Value}"))}");
        if (v.Permitted.Count > 0)
        {
            w.WriteLine("Mogelijk:");
            foreach (var t in v.Permitted) w.WriteLine($"  {t.Trigger} → {t.To}  (rollen: {string.Join(", ", t.Roles)}{(t.Parameters.Count > 0 ? "; parameters: " + string.Join(", ", t.Parameters) : "")})");
        }
        if (v.Refused.Count > 0)
        {
            w.WriteLine("Niet mogelijk:");
            foreach (var t in v.Refused)
            {
                w.WriteLine($"  {t.Trigger} → {t.To}");
                foreach (var r in t.Refusals) w.WriteLine($"      - {r}");
            }
        }
        foreach (var t in v.Tasks) w.WriteLine($"Taak {t.Id}: {t.Title} (rol {t.Role}{(t.AssignedTo is null ? "" : ", toegewezen aan " + t.AssignedTo)}){TermText(t)}");
        foreach (var t in v.Timers) w.WriteLine($"Timer: {t.Trigger} op {WorkCalendar.DateOf(t.DueAt):yyyy-MM-dd}{(t.Every is null ? "" : $" (elke {t.Every})")}");
        foreach (var i in v.Incidents)
            w.WriteLine($"Incident: timer {i.TimerId} ({i.Trigger}) mislukte {i.Attempts} keer; laatste fout: {i.Error}. Opnieuw: incidents retry {i.TimerId} --as LOGIN");
    }

    private static string TermText(TaskView t) => t.DueAt is not { } due ? ""
        : t.Overdue ? $" — TE LAAT, termijn verliep {WorkCalendar.DateOf(due):yyyy-MM-dd}" : $" — uiterlijk {WorkCalendar.DateOf(due):yyyy-MM-dd}";

    private static Dictionary<string, string> Pairs(string[]? values, string option)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var v in values ?? [])
        {
            var eq = v.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) throw new InputException($"{option} '{v}' heeft de vorm NAAM=WAARDE.");
            result[v[..eq]] = v[(eq + 1)..];
        }
        return result;
    }

    private static string TimerText(TimerDefinition t) =>
        t.After is { } a ? $"na {a}: {t.Trigger}" : t.Every is { } e ? $"elke {e}: {t.Trigger}" : $"op {t.AtField}{(t.AtOffset is { } o ? " + " + o : "")}: {t.Trigger}";

    private static string ActionText(ActionDefinition a) => a switch
    {
        OpenTaskAction t => $"taak '{t.Title}' voor {t.Role}" + (t.Within is { } within ? $", binnen {within}" : ""),
        StartWorkflowAction s => $"start {s.Workflow} ({s.SubjectTemplate})",
        FireParentAction f => $"meld {f.TriggerTemplate} aan de hoofdworkflow",
        SetDateAction d => $"leg datum vast in {d.Field}",
        RenderDocumentAction doc => $"maak document {doc.Template}" + (doc.When is null ? "" : $" als {doc.When}"),
        _ => a.ToString(),
    };
}
