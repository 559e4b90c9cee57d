using System.CommandLine;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Verwerving.Domain;
using Verwerving.Rules;
using Verwerving.Text;
using Verwerving.Workflows;

namespace Verwerving.Cli;

internal static class RulesCommands
{
    public static readonly Option<string?> NormsOption = new("--norms") { Description = "Map met normen (standaard: rules/norms/)", Recursive = true };

    public static NormBook Norms(ParseResult parse) => NormBook.Load(parse.GetValue(NormsOption));

    public static IEnumerable<Command> Create(TextWriter output, TextWriter error) => [Check(output, error), Findings(output, error), NormsCommand(output, error)];

    private static Command Check(TextWriter output, TextWriter error)
    {
        var region = new Option<string?>("--region") { Description = "Regiocode (ZK, IJM, ZKIJ)" };
        var municipality = new Option<string?>("--municipality") { Description = "CBS-gemeentecode" };
        var provider = new Option<string?>("--provider") { Description = "AGB-code van de aanbieder" };
        var agreement = new Option<string?>("--agreement") { Description = "Kenmerk van de overeenkomst" };
        var tender = new Option<string?>("--tender") { Description = "Kenmerk van de aanbesteding" };
        var from = new Option<string?>("--from") { Description = "Begin van de periode (JJJJ-MM-DD; standaard 1 januari, drie jaar terug)" };
        var to = new Option<string?>("--to") { Description = "Einde van de periode (JJJJ-MM-DD; standaard vandaag)" };
        var command = new Command("check", "Toetst de feiten aan de regels en normen en legt de bevindingen vast (exitcode 1 bij blokkerende bevindingen)")
        {
            region, municipality, provider, agreement, tender, from, to,
        };
        command.SetAction(Cli.Action(output, error, (parse, ctx) =>
        {
            var filters = new[] { region, municipality, provider, agreement, tender }.Count(o => parse.GetValue(o) is not null);
            if (filters > 1) throw new InputException("Kies één van --region, --municipality, --provider, --agreement of --tender.");
            using var db = ctx.OpenDb();
            var clock = DatabaseClock.Load(db);
            var today = WorkCalendar.DateOf(clock.UtcNow);
            var scope = new CheckScope(
                Date(parse.GetValue(from), "--from") ?? new DateOnly(today.Year - 3, 1, 1), Date(parse.GetValue(to), "--to") ?? today,
                parse.GetValue(region), parse.GetValue(municipality), parse.GetValue(provider), parse.GetValue(agreement), parse.GetValue(tender));
            if (scope.To < scope.From) throw new InputException("--to ligt vóór --from.");
            var (result, escalations) = WorkflowCommands.Factory(parse).UseCases(db).Check(scope, Roles.System);
            ctx.Print(new
            {
                scope = scope.ToString(), result.Facts, standing = result.Standing.Select(View), opened = result.Opened.Count, closed = result.Closed.Count,
                escalationsStarted = escalations, seconds = result.Elapsed.TotalSeconds,
            }, w =>
            {
                w.WriteLine($"Getoetst: {scope} — {result.Facts} feiten, {result.Standing.Count} bevindingen ({result.Opened.Count} nieuw, {result.Closed.Count} gesloten) in {result.Elapsed.TotalSeconds.ToString("0.00", Nl.Culture)} s");
                foreach (var set in result.Standing.GroupBy(f => f.RuleSet).OrderBy(g => g.Key, StringComparer.Ordinal))
                {
                    w.WriteLine();
                    w.WriteLine($"Regelset {set.Key} ({set.Count()}):");
                    foreach (var f in set.OrderByDescending(f => f.Severity).ThenBy(f => f.RuleId, StringComparer.Ordinal).ThenBy(f => f.SubjectKey, StringComparer.Ordinal))
                        w.WriteLine($"  [{SeverityText(f.Severity)}] {f.Explanation} ({f.RuleId}; bron: {f.Source})");
                }
                foreach (var agb in escalations) w.WriteLine($"Continuïteitssignaal: escalatie gestart voor aanbieder {agb} (zie 'verwerving instances list').");
            });
            return result.Blocking ? ExitCodes.Refused : ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Findings(TextWriter output, TextWriter error)
    {
        var status = new Option<string>("--status") { Description = "open, closed of all", DefaultValueFactory = _ => "open" };
        var set = new Option<string?>("--set") { Description = "Regelset: " + string.Join(", ", RuleSets.Known) };
        var severity = new Option<string?>("--severity") { Description = "blocking, violation, warning of signal" };
        var subject = new Option<string?>("--subject") { Description = "Onderwerp (AGB-code, overeenkomst, gemeentecode, aanbesteding, besluit), met wat eronder valt" };
        var list = new Command("list", "Toont de vastgelegde bevindingen met hun uitleg") { status, set, severity, subject };
        list.SetAction(Cli.Action(output, error, (parse, ctx) =>
        {
            using var db = ctx.OpenDb();
            var q = Verwerving.Documents.UseCases.Filter(db.Findings.AsNoTracking(),
                new Verwerving.Documents.FindingQuery(parse.GetValue(status)!, parse.GetValue(set), parse.GetValue(severity), parse.GetValue(subject)));
            var findings = q.OrderBy(f => f.RuleSet).ThenBy(f => f.RuleId).ThenBy(f => f.SubjectKey).ThenBy(f => f.PeriodStart).ToList();
            ctx.Print(findings.Select(View), w =>
            {
                if (findings.Count == 0) w.WriteLine("Geen bevindingen.");
                foreach (var f in findings)
                    w.WriteLine($"#{f.Id} [{SeverityText(f.Severity)}]{(f.Status == FindingStatus.Closed ? $" (gesloten {f.ClosedAt:yyyy-MM-dd})" : "")} {f.Explanation} ({f.RuleId})");
            });
            return ExitCodes.Ok;
        }));
        return new Command("findings", "Bevindingen van de regels") { list };
    }

    private static Command NormsCommand(TextWriter output, TextWriter error)
    {
        var region = new Option<string?>("--region") { Description = "Regiocode: toon de normen zoals ze voor deze regio gelden" };
        var at = new Option<string?>("--at") { Description = "Peildatum (JJJJ-MM-DD; standaard vandaag)" };
        var show = new Command("show", "Toont de normen die op een datum voor een regio gelden, met hun herkomst") { region, at };
        show.SetAction(Cli.Action(output, error, (parse, ctx) =>
        {
            var book = Norms(parse);
            var date = Date(parse.GetValue(at), "--at") ?? WorkCalendar.DateOf(DateTime.UtcNow);
            var r = parse.GetValue(region);
            var rows = book.All.OrderBy(n => n.Key, StringComparer.Ordinal).Select(n =>
            {
                var v = book.Resolve(n.Key, r, date);
                return new { n.Key, v.Value, n.Unit, From = v.From, File = v.File, n.Description, n.Source };
            }).ToList();
            ctx.Print(rows, w =>
            {
                w.WriteLine($"Normen op {Nl.Date(date)}{(r is null ? "" : $" voor regio {r}")} (map {book.Folder}):");
                foreach (var row in rows)
                    w.WriteLine($"  {row.Key} = {row.Value.ToString(CultureInfo.InvariantCulture)} {row.Unit} (sinds {row.From:yyyy-MM-dd}, {row.File}) — {row.Description}; {row.Source}");
            });
            return ExitCodes.Ok;
        }));
        return new Command("norms", "Normen waaraan de regels toetsen") { show };
    }

    private static object View(Finding f) => new
    {
        f.Id, f.RuleId, f.RuleSet, Severity = f.Severity.ToString().ToLowerInvariant(), f.SubjectType, f.SubjectKey,
        From = f.PeriodStart, To = f.PeriodEnd, f.Explanation, f.Source, Facts = System.Text.Json.Nodes.JsonNode.Parse(f.FactsJson),
        Status = f.Status.ToString().ToLowerInvariant(), f.OpenedAt, f.ClosedAt,
    };

    private static string SeverityText(Severity s) => Verwerving.Text.Nl.Severity(s);

    internal static DateOnly? Date(string? text, string option) => text is null ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
        : throw new InputException($"{option} '{text}' is geen datum (JJJJ-MM-DD).");
}
