using System.CommandLine;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Verwerving.Documents;
using Verwerving.Domain;
using Verwerving.Workflows;

namespace Verwerving.Cli;

/// <summary>documents, templates and the open-contracting export.</summary>
internal static class DocumentCommands
{
    public static readonly Option<string?> TemplatesOption = new("--templates") { Description = "Map met documentsjablonen (standaard: templates/)", Recursive = true };

    internal static TemplateLibrary Templates(ParseResult parse) => new(parse.GetValue(TemplatesOption) ?? TemplateLibrary.DefaultFolder());

    internal static DocumentService Service(ParseResult parse) => new(Templates(parse), () => RulesCommands.Norms(parse));

    public static IEnumerable<Command> Create(TextWriter output, TextWriter error)
    {
        yield return Documents(output, error);
        yield return TemplatesCommand(output, error);
        yield return Export(output, error);
    }

    private static Command Documents(TextWriter output, TextWriter error)
    {
        var instance = new Option<long?>("--instance") { Description = "Alleen de documenten van deze workflowinstantie" };
        var subject = new Option<string?>("--subject") { Description = "Alleen de documenten over dit onderwerp (kenmerk, overeenkomst, AGB)" };
        var list = new Command("list", "De opgeslagen documenten") { instance, subject };
        list.SetAction(Cli.Action(output, error, (parse, ctx) =>
        {
            using var db = ctx.OpenDb();
            var query = db.Documents.AsNoTracking();
            if (parse.GetValue(instance) is { } i) query = query.Where(d => d.InstanceId == i);
            if (parse.GetValue(subject) is { } s) query = query.Where(d => d.SubjectKey == s || d.SubjectKey.StartsWith(s + "/"));
            var rows = query.OrderBy(d => d.Id).Select(d => new { d.Id, d.TemplateId, d.TemplateVersion, d.InstanceId, d.SubjectKey, d.Title, d.CreatedAt, d.CreatedBy, d.ContentHash }).ToList();
            ctx.Print(rows, w =>
            {
                foreach (var d in rows)
                    w.WriteLine($"{d.Id,5}  {d.CreatedAt:yyyy-MM-dd}  {d.TemplateId} v{d.TemplateVersion}  {d.SubjectKey}{(d.InstanceId is null ? "" : $"  (instantie {d.InstanceId})")}  {d.ContentHash[..12]}");
                w.WriteLine($"{rows.Count} document(en). Bekijk er een met 'verwerving documents show ID [--out BESTAND.html] [--pdf --out BESTAND.pdf]'.");
            });
            return ExitCodes.Ok;
        }));

        var id = new Argument<long>("id") { Description = "Documentnummer (zie documents list)" };
        var outFile = new Option<string?>("--out") { Description = "Schrijf naar dit bestand in plaats van naar de uitvoer" };
        var pdf = new Option<bool>("--pdf") { Description = "Druk af naar PDF met Chromium (Debian-pakket chromium)" };
        var show = new Command("show", "Toont een document (HTML), of schrijft het als HTML of PDF") { id, outFile, pdf };
        show.SetAction(Cli.Action(output, error, (parse, ctx) =>
        {
            using var db = ctx.OpenDb();
            var document = db.Documents.AsNoTracking().FirstOrDefault(d => d.Id == parse.GetValue(id))
                ?? throw new InputException($"Document {parse.GetValue(id)} bestaat niet (zie 'verwerving documents list').");
            var target = parse.GetValue(outFile);
            if (target is not null && string.IsNullOrWhiteSpace(target)) throw new InputException("--out vraagt een bestandsnaam.");
            if (parse.GetValue(pdf))
            {
                target ??= $"document-{document.Id}.pdf";
                Pdf.Print(document.Html, target);
            }
            else if (target is not null) File.WriteAllText(target, document.Html);
            if (target is null && !ctx.Json) ctx.Out.Write(document.Html);
            else ctx.Print(new { document.Id, document.TemplateId, document.TemplateVersion, document.TemplateHash, document.InstanceId, document.SubjectKey,
                    document.Title, document.CreatedAt, document.CreatedBy, document.ContentHash, File = target, Html = target is null ? document.Html : null },
                w => w.WriteLine($"Document {document.Id} ({document.Title}) geschreven naar {target}"));
            return ExitCodes.Ok;
        }));

        var template = new Argument<string>("sjabloon") { Description = "Sjabloon (zie templates validate), bv. kwartaalmonitor" };
        var renderSubject = new Option<string>("--subject") { Description = "Onderwerp: regio of AGB (monitor), kenmerk, overeenkomst/evaluatie-3j, AGB (signaal)", Required = true };
        var quarter = new Option<string?>("--quarter") { Description = "Kwartaal van de monitor, bv. 2025-4 (standaard: het huidige)" };
        var asUser = new Option<string>("--as") { Description = "Inlognaam van wie het document maakt", DefaultValueFactory = _ => Roles.System };
        var render = new Command("render", "Maakt een document op verzoek (een kwartaalmonitor, of een document over een onderwerp) en slaat het op")
            { template, renderSubject, quarter, asUser };
        render.SetAction(Cli.Action(output, error, (parse, ctx) =>
        {
            using var db = ctx.OpenDb();
            var clock = DatabaseClock.Load(db);
            var (year, q) = Quarter(parse.GetValue(quarter));
            using var tx = db.Database.BeginTransaction();
            var document = Service(parse).RenderFor(db, parse.GetValue(template)!, parse.GetValue(renderSubject)!, clock.UtcNow, parse.GetValue(asUser)!, year, q);
            db.SaveChanges();
            tx.Commit();
            ctx.Print(new { document.Id, document.TemplateId, document.SubjectKey, document.ContentHash },
                w => w.WriteLine($"Document {document.Id} gemaakt: {document.Title} (toon met 'verwerving documents show {document.Id}')"));
            return ExitCodes.Ok;
        }));
        return new Command("documents", "Documenten uit sjablonen: besluitnota's, brieven, rapporten, monitors") { list, show, render };
    }

    private static Command TemplatesCommand(TextWriter output, TextWriter error)
    {
        var file = new Argument<string?>("bestand") { Description = "Eén sjabloonbestand; zonder: alle sjablonen in templates/", Arity = ArgumentArity.ZeroOrOne };
        var validate = new Command("validate", "Controleert sjablonen: kop, Scriban, elk veld, elke functie en elk opgenomen onderdeel tegen het model (bestand, regel en kolom bij elke fout)") { file };
        validate.SetAction(Cli.Action(output, error, (parse, ctx) =>
        {
            var files = parse.GetValue(file) is { } f ? [f] : Templates(parse).Files.ToList();
            var results = files.Select(path =>
            {
                if (!File.Exists(path)) return (File: path, Template: (DocumentTemplate?)null, Errors: (IReadOnlyList<string>)[$"{path}: bestand niet gevonden"]);
                try { return (File: path, Template: TemplateLibrary.LoadFile(path), Errors: []); }
                catch (TemplateException ex) { return (File: path, Template: null, Errors: ex.Errors.Select(e => e.ToString()).ToList()); }
            }).ToList();
            ctx.Print(results.Select(r => new { file = Path.GetFileName(r.File), ok = r.Errors.Count == 0, r.Template?.Title, model = r.Template?.Model.Id, r.Template?.Version, errors = r.Errors }),
                w =>
                {
                    foreach (var r in results)
                        if (r.Template is { } t) w.WriteLine($"{Path.GetFileName(r.File)}: in orde — {t.Title} (model {t.Model.Id}, versie {t.Version})");
                        else foreach (var e in r.Errors) w.WriteLine(e);
                });
            return results.Any(r => r.Errors.Count > 0) ? ExitCodes.BadInput : ExitCodes.Ok;
        }));
        return new Command("templates", "Documentsjablonen (templates/*.sbn-html)") { validate };
    }

    private static Command Export(TextWriter output, TextWriter error)
    {
        var tender = new Option<string>("--tender") { Description = "Kenmerk van de aanbesteding", Required = true };
        var outFile = new Option<string>("--out") { Description = "Het JSON-bestand (release package)", Required = true };
        var ocds = new Command("ocds", "Open Contracting (OCDS 1.1.5): de aanbesteding, gunningen, overeenkomsten en hun mijlpalen") { tender, outFile };
        ocds.SetAction(Cli.Action(output, error, (parse, ctx) =>
        {
            using var db = ctx.OpenDb();
            var package = OcdsExport.Package(db, parse.GetValue(tender)!, DatabaseClock.Load(db).UtcNow);
            File.WriteAllText(parse.GetValue(outFile)!, OcdsExport.Serialize(package));
            var release = package["releases"]![0]!;
            ctx.Print(new { file = parse.GetValue(outFile), ocid = (string?)release["ocid"], awards = release["awards"]!.AsArray().Count, contracts = release["contracts"]!.AsArray().Count },
                w => w.WriteLine($"{parse.GetValue(outFile)}: {release["ocid"]} met {release["awards"]!.AsArray().Count} gunningen en {release["contracts"]!.AsArray().Count} overeenkomsten"));
            return ExitCodes.Ok;
        }));
        return new Command("export", "Exporteren naar open standaarden") { ocds };
    }

    private static (int? Year, int? Quarter) Quarter(string? text)
    {
        if (text is null) return (null, null);
        var parts = text.Replace("K", "", StringComparison.OrdinalIgnoreCase).Replace("Q", "", StringComparison.OrdinalIgnoreCase).Split('-');
        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var q) && q is >= 1 and <= 4)
            return (y, q);
        throw new InputException($"--quarter '{text}' is geen kwartaal (bv. 2025-4).");
    }
}
