using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using Verwerving.Domain;
using Verwerving.Workflows;

namespace Verwerving.Cli;

/// <summary>worker fires due timers on real time; incidents lists the timers that failed every attempt and retries them.</summary>
internal static class WorkerCommand
{
    public static readonly Option<string?> NodeOption = new("--node") { Description = "Naam van deze node in claims en het logboek (standaard: machinenaam:proces)" };
    public static readonly Option<double> LeaseOption = new("--lease") { Description = "Seconden dat een claim geldt; daarna neemt een andere node de timer over", DefaultValueFactory = _ => WorkerOptions.Default.Lease.TotalSeconds };
    public static readonly Option<int> BatchOption = new("--batch") { Description = "Timers per claim", DefaultValueFactory = _ => WorkerOptions.Default.Batch };
    public static readonly Option<double> IntervalOption = new("--interval") { Description = "Seconden tussen twee keer kijken als er niets te doen is", DefaultValueFactory = _ => WorkerOptions.Default.Interval.TotalSeconds };

    public static IEnumerable<Command> Create(TextWriter output, TextWriter error) => [Worker(output, error), Incidents(output, error)];

    public static WorkerOptions Options(ParseResult parse)
    {
        // `demo --serve` serves without these options on its command line: then the defaults hold.
        T Get<T>(Option<T> option, T fallback) => parse.GetResult(option) is null ? fallback : parse.GetValue(option)!;
        var defaults = WorkerOptions.Default;
        var lease = Get(LeaseOption, defaults.Lease.TotalSeconds);
        var interval = Get(IntervalOption, defaults.Interval.TotalSeconds);
        var batch = Get(BatchOption, defaults.Batch);
        if (lease is < 1 or > 3600) throw new InputException("--lease is een aantal seconden van 1 tot 3600.");
        if (interval is < 0.05 or > 3600) throw new InputException("--interval is een aantal seconden van 0,05 tot 3600.");
        if (batch is < 1 or > 10_000) throw new InputException("--batch is een aantal van 1 tot 10000.");
        return new WorkerOptions(Get(NodeOption, null) is { Length: > 0 } node ? node : defaults.Node,
            TimeSpan.FromSeconds(lease), batch, TimeSpan.FromSeconds(interval));
    }

    private static Command Worker(TextWriter output, TextWriter error)
    {
        var once = new Option<bool>("--once") { Description = "Vuur af wat nu verviel en stop (voor een geplande taak)" };
        var command = new Command("worker", "Vuurt vervallen timers af op de systeemklok, naast andere nodes op dezelfde database") { NodeOption, LeaseOption, BatchOption, IntervalOption, once };
        command.SetAction(Cli.Action(output, error, (parse, ctx) =>
        {
            var options = Options(parse);
            using (var db = ctx.OpenDb()) // migrates once, and says it plainly when the clock is simulated
                if (DatabaseClock.Load(db).IsSimulated)
                    ctx.Error.WriteLine("Let op: deze database heeft gesimuleerde tijd; de werker vuurt pas af als iemand de klok verzet.");
            var worker = WorkflowCommands.Factory(parse).Worker(ctx.Database, options, line => { ctx.Out.WriteLine(line); ctx.Out.Flush(); });
            if (parse.GetValue(once))
            {
                var runs = new List<TimerRun>();
                for (IReadOnlyList<TimerRun> round; (round = worker.RunOnce()).Count > 0;) runs.AddRange(round);
                ctx.Print(runs, w =>
                {
                    w.WriteLine($"{runs.Count(r => r.Failure is null)} timer(s) afgevuurd, {runs.Count(r => r.Failure is not null)} mislukt.");
                    foreach (var r in runs) w.WriteLine($"  timer {r.TimerId} (instantie {r.InstanceId}): {Outcome(r)}");
                });
                return runs.Any(r => r.Incident) ? ExitCodes.Refused : ExitCodes.Ok;
            }
            using var stop = new CancellationTokenSource();
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
            worker.RunAsync(stop.Token).GetAwaiter().GetResult();
            return ExitCodes.Ok;
        }));
        return command;
    }

    internal static string Outcome(TimerRun r) =>
        r.Fired is { } f ? f.Message
        : r.Refused is { } refused ? "geweigerd door een guard: " + refused
        : r.Incident ? "incident: " + r.Failure
        : "mislukt, volgt opnieuw: " + r.Failure;

    private static Command Incidents(TextWriter output, TextWriter error)
    {
        var command = new Command("incidents", "Timers die na alle pogingen mislukten en op een mens wachten");
        var list = new Command("list", "Toont de incidenten met hun laatste fout");
        list.SetAction(Cli.Action(output, error, (parse, ctx) =>
        {
            using var db = ctx.OpenDb();
            var incidents = WorkflowCommands.Runtime(parse, db).Incidents();
            ctx.Print(incidents, w =>
            {
                if (incidents.Count == 0) w.WriteLine("Geen incidenten.");
                foreach (var i in incidents) WriteIncident(w, i);
            });
            return ExitCodes.Ok;
        }));
        var timer = new Argument<long>("timer") { Description = "Nummer van de timer (zie incidents list)" };
        var retry = new Command("retry", "Zet een incident terug in de rij; de werker probeert het opnieuw") { timer };
        retry.Options.Add(WorkflowCommands.AsOption);
        retry.SetAction(Cli.Action(output, error, (parse, ctx) =>
        {
            using var db = ctx.OpenDb();
            var runtime = WorkflowCommands.Runtime(parse, db);
            var id = parse.GetValue(timer);
            runtime.RetryIncident(id, runtime.RequireUser(parse.GetValue(WorkflowCommands.AsOption)!));
            ctx.Print(new { Timer = id, Retried = true }, w => w.WriteLine(
                $"Timer {id} staat weer in de rij; {(runtime.Clock.IsSimulated ? "hij gaat af bij de volgende klokverzetting" : "de werker probeert hem zo opnieuw")}."));
            return ExitCodes.Ok;
        }));
        command.Subcommands.Add(list);
        command.Subcommands.Add(retry);
        return command;
    }

    internal static void WriteIncident(TextWriter w, IncidentView i) => w.WriteLine(
        $"timer {i.TimerId,-6} instantie {i.InstanceId} ({i.Definition}, {i.Subject}): {i.Trigger}, viel op {WorkCalendar.DateOf(i.DueAt):yyyy-MM-dd}; "
        + $"{i.Attempts} pogingen, laatste fout: {i.Error}");
}
