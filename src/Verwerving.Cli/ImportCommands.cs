using System.CommandLine;
using Verwerving.Import;

namespace Verwerving.Cli;

internal static class ImportCommands
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var path = new Argument<string>("bestand") { Description = "Bestand of map" };
        var xsd = new Option<string?>("--xsd") { Description = "Map met de iJw 3.2-schema's (JW*.xsd): valideer elk bericht ertegen" };
        var register = new Option<bool>("--register-unknown") { Description = "Registreer onbekende aanbieders en gemeenten (buiten de regio's) in plaats van te weigeren" };
        var ijw = new Command("ijw", "Leest iJw 3.2-berichten in (JW315, JW319, JW301, JW305, JW307, JW323 en retourberichten); elk bestand geheel of niet") { path, xsd, register };
        ijw.SetAction(Cli.Action(output, error, (parse, ctx) =>
        {
            var schemas = parse.GetValue(xsd) is { } dir ? new IjwSchemas(dir) : null;
            using var db = ctx.OpenDb();
            return Report(ctx, WorkflowCommands.Factory(parse).UseCases(db)
                .Import("ijw", IjwImporter.Sources(parse.GetValue(path)!), new Verwerving.Documents.IjwOptions(schemas, parse.GetValue(register))));
        }));

        var referrals = Csv("referrals", "Leest het verwijsregister van de toegang in (CSV: kenmerk;bsn;gemeente;perceel;aanbieder;verwijzer;datum;uitkomst;antwoorddatum;reden;complexiteit)",
            output, error);
        var quality = Csv("quality", "Leest kwaliteitsmetingen in (CSV of YAML: aanbieder, indicator, van, tot, waarde, aantal)", output, error);
        var budgets = Csv("budgets", "Leest de budgettaire kaders van de raden in (CSV of YAML: gemeente, jaar, bedrag in euro)", output, error);
        return new Command("import", "Gegevens inlezen; transactioneel en herhaalbaar") { ijw, referrals, quality, budgets };
    }

    private static Command Csv(string name, string description, TextWriter output, TextWriter error)
    {
        var path = new Argument<string>("bestand") { Description = "CSV-bestand (scheidingsteken ; of ,) met kopregel, of (kwaliteit, budgetten) YAML: een lijst van records" };
        var command = new Command(name, description) { path };
        command.SetAction(Cli.Action(output, error, (parse, ctx) =>
        {
            using var db = ctx.OpenDb();
            return Report(ctx, WorkflowCommands.Factory(parse).UseCases(db).Import(name, [CsvSource.File(parse.GetValue(path)!)]));
        }));
        return command;
    }

    private static int Report(CliContext ctx, IReadOnlyList<ImportReport> reports)
    {
        ctx.Print(reports.Select(r => new { r.File, status = r.StatusText, r.Kind, r.Items, r.Message }), w =>
        {
            foreach (var r in reports) w.WriteLine($"{r.File}: {r.StatusText}{(r.Kind is null ? "" : $" ({r.Kind})")} — {r.Message}");
            var refused = reports.Count(r => r.Status == ImportStatus.Refused);
            if (reports.Count > 1)
                w.WriteLine($"{reports.Count - refused} van {reports.Count} bestanden verwerkt, {refused} geweigerd.");
        });
        if (reports.Any(r => r.Status == ImportStatus.Refused))
            foreach (var r in reports.Where(r => r.Status == ImportStatus.Refused)) ctx.Error.WriteLine($"Geweigerd: {r.Message}");
        return reports.Any(r => r.Status == ImportStatus.Refused) ? ExitCodes.BadInput : ExitCodes.Ok;
    }
}
