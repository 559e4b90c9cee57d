using System.Globalization;
using System.Security.Cryptography;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Microsoft.EntityFrameworkCore;
using Verwerving.Domain;
using Verwerving.Persistence;
using Verwerving.Privacy;

namespace Verwerving.Import;

/// <summary>
/// Imports iJw 3.2 messages. Each file commits in one transaction or not at all; a repeated file is
/// recognised by its code, sender and identification and changes nothing. BSNs are pseudonymised on
/// reading and never stored, logged or echoed in an error.
/// </summary>
public sealed class IjwImporter(VerwervingDb db, Pseudonymizer pseudonymizer, LotMapping lots, TimeProvider clock,
    IjwSchemas? schemas = null, bool registerUnknown = false)
{
    public const long MaxFileBytes = 64L * 1024 * 1024;
    public const string ExternalRegion = "EXTERN";
    private const string NamespacePrefix = "http://www.istandaarden.nl/ijw/3_2/";

    /// <summary>Message flow order, so a folder imports requests before assignments before starts and stops.</summary>
    private static readonly string[] FlowOrder = ["JW315", "JW316", "JW317", "JW318", "JW319", "JW320", "JW301", "JW302", "JW305", "JW306", "JW307", "JW308", "JW323", "JW325"];

    private static readonly Dictionary<string, string> ReturnMessages = new()
    {
        ["JW302"] = "retourbericht op toewijzing", ["JW306"] = "retourbericht op start zorg", ["JW308"] = "retourbericht op stop zorg",
        ["JW316"] = "retourbericht op verzoek om toewijzing", ["JW317"] = "verzoek om wijziging", ["JW318"] = "retourbericht op verzoek om wijziging",
        ["JW320"] = "retourbericht op antwoordbericht", ["JW325"] = "retourbericht op declaratie",
    };

    private static readonly Dictionary<string, string> RefusalReasons = new()
    {
        ["1"] = "geen wijziging, maar nieuwe aanvraag", ["2"] = "past niet binnen budget", ["3"] = "geen contract", ["4"] = "past niet binnen contract",
        ["5"] = "andere gemeente", ["6"] = "stapeling", ["7"] = "zorginhoudelijke afkeur", ["8"] = "woonplaatsbeginsel", ["9"] = "leeftijdsgrens bereikt",
    };

    private string _file = "";
    private readonly HashSet<string> _knownLots = [];
    private readonly HashSet<string> _knownMunicipalities = [];
    private readonly Dictionary<string, Provider> _knownProviders = [];
    private (Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction Tx, InvoiceLineWriter Writer)? _writer;

    /// <summary>Imports a file or every *.xml in a folder, in message-flow order; one report per file.</summary>
    public IReadOnlyList<ImportReport> Import(string fileOrFolder)
    {
        IEnumerable<string> files = Directory.Exists(fileOrFolder)
            ? Directory.GetFiles(fileOrFolder, "*.xml").OrderBy(f => FlowIndex(Path.GetFileName(f))).ThenBy(f => f, StringComparer.Ordinal)
            : File.Exists(fileOrFolder) ? [fileOrFolder] : throw new InputException($"{fileOrFolder} bestaat niet.");
        return ImportBatch(files.Select(f => (Path.GetFileName(f), (Func<byte[]?>)(() => new FileInfo(f).Length > MaxFileBytes ? null : File.ReadAllBytes(f)))));
    }

    /// <summary>
    /// Imports many messages with one commit per <see cref="BatchSize"/> files. Each file has its own savepoint,
    /// so a refused file leaves nothing behind while the others keep what they did.
    /// </summary>
    public IReadOnlyList<ImportReport> ImportBatch(IEnumerable<(string Name, Func<byte[]?> Content)> files)
    {
        var reports = new List<ImportReport>();
        var tx = db.Database.BeginTransaction();
        try
        {
            foreach (var (name, content) in files)
            {
                var bytes = content();
                reports.Add(bytes is null
                    ? new ImportReport(name, ImportStatus.Refused, null, 0, $"{name}: groter dan {MaxFileBytes / 1024 / 1024} MB")
                    : ImportBytes(bytes, name));
                if (reports.Count % BatchSize == 0)
                {
                    tx.Commit();
                    EndWriter();
                    tx.Dispose();
                    tx = db.Database.BeginTransaction();
                }
            }
            tx.Commit();
        }
        finally
        {
            EndWriter();
            tx.Dispose();
        }
        return reports;
    }

    public const int BatchSize = 500;

    private static int FlowIndex(string name)
    {
        var i = Array.FindIndex(FlowOrder, c => name.StartsWith(c, StringComparison.OrdinalIgnoreCase));
        return i < 0 ? FlowOrder.Length : i;
    }

    public ImportReport ImportFile(string path) => Import(path).Single();

    /// <summary>Imports one message: in its own transaction, or under a savepoint of the caller's.</summary>
    public ImportReport ImportBytes(byte[] content, string name)
    {
        _file = name;
        var outer = db.Database.CurrentTransaction;
        var tx = outer ?? db.Database.BeginTransaction();
        if (outer is not null) outer.CreateSavepoint("bericht");
        try
        {
            var report = Apply(content);
            db.SaveChanges();
            if (outer is null) tx.Commit();
            else outer.ReleaseSavepoint("bericht");
            return report;
        }
        catch (Exception ex) when (ex is InputException or DomainException)
        {
            if (outer is null) tx.Rollback();
            else outer.RollbackToSavepoint("bericht");
            db.ChangeTracker.Clear();
            _knownLots.Clear();
            _knownMunicipalities.Clear();
            _knownProviders.Clear();
            return new ImportReport(name, ImportStatus.Refused, null, 0, ex.Message);
        }
        finally
        {
            if (outer is null)
            {
                EndWriter();
                tx.Dispose();
            }
        }
    }

    private ImportReport Apply(byte[] content)
    {
        var document = Parse(content);
        var root = document.Root!;
        var ns = root.Name.NamespaceName;
        if (root.Name.LocalName != "Bericht" || !ns.StartsWith(NamespacePrefix, StringComparison.Ordinal))
            throw Fail(root, root.Name.LocalName, "geen iJw 3.2-bericht (verwacht element Bericht in een iJw 3.2-namespace)");
        var code = ns[NamespacePrefix.Length..].Split('/')[0].ToUpperInvariant();
        var header = Child(root, "Header");
        var sender = Text(header, "Afzender");
        var receiver = Text(header, "Ontvanger");
        var idElement = Child(header, "BerichtIdentificatie");
        var identification = Text(idElement, "Identificatie");
        var sentOn = Date(Child(idElement, "Dagtekening"));
        var hash = Convert.ToHexStringLower(SHA256.HashData(content));

        var existing = db.IjwMessages.AsNoTracking().FirstOrDefault(m => m.Code == code && m.Sender == sender && m.Identification == identification);
        if (existing is not null)
        {
            if (existing.ContentHash == hash)
                return new ImportReport(_file, ImportStatus.AlreadyImported, code, existing.Items, $"{code} {identification} van {sender} is al ingelezen op {existing.ImportedAt:yyyy-MM-dd HH:mm}; er is niets veranderd");
            throw Fail(idElement, "Identificatie", $"{code} {identification} van {sender} is al ingelezen met een andere inhoud; een correctie krijgt een nieuwe identificatie");
        }

        var (items, summary) = code switch
        {
            "JW315" => Requests(root, sender, receiver, sentOn),
            "JW319" => Answers(root, sender, receiver),
            "JW301" => Assignments(root, sender, receiver),
            "JW305" => Starts(root, sender, receiver),
            "JW307" => Stops(root, sender, receiver),
            "JW323" => Invoice(root, sender, receiver),
            _ when ReturnMessages.TryGetValue(code, out var what) => Returned(root, what),
            _ => throw Fail(root, "Bericht", $"berichtsoort {code} wordt niet ondersteund"),
        };
        db.IjwMessages.Add(new IjwMessage(code, sender, receiver, identification, sentOn, hash, _file, items, summary, clock.GetUtcNow().UtcDateTime));
        db.Audit(clock.GetUtcNow().UtcDateTime, Roles.System, "import.ijw", "IjwMessage", $"{code}/{sender}/{identification}",
            System.Text.Json.JsonSerializer.Serialize(new { bestand = _file, regels = items, samenvatting = summary }));
        return new ImportReport(_file, ImportStatus.Imported, code, items, summary);
    }

    private XDocument Parse(byte[] content)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = MaxFileBytes, MaxCharactersFromEntities = 0,
            IgnoreComments = true, IgnoreProcessingInstructions = true,
        };
        if (schemas is not null)
        {
            settings.ValidationType = ValidationType.Schema;
            settings.Schemas = schemas.For(RootNamespace(content), _file);
            settings.ValidationFlags = XmlSchemaValidationFlags.ReportValidationWarnings;
            settings.ValidationEventHandler += (_, e) =>
                throw new ImportException(_file, e.Exception.LineNumber, "schema", e.Message);
        }
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(content), settings);
            return XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex)
        {
            var why = ex.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase)
                ? "een DTD of externe entiteit is niet toegestaan in een iJw-bericht" : ex.Message;
            throw new ImportException(_file, ex.LineNumber, "xml", why);
        }
    }

    private string RootNamespace(byte[] content)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = MaxFileBytes };
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(content), settings);
            reader.MoveToContent();
            return reader.NamespaceURI;
        }
        catch (XmlException ex)
        {
            throw new ImportException(_file, ex.LineNumber, "xml", ex.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase)
                ? "een DTD of externe entiteit is niet toegestaan in een iJw-bericht" : ex.Message);
        }
    }

    /// <summary>One prepared insert per transaction: preparing it again for every message costs more than the message's rows.</summary>
    private InvoiceLineWriter Writer()
    {
        var tx = db.Database.CurrentTransaction!;
        if (_writer is { } w && w.Tx == tx) return w.Writer;
        _writer?.Writer.Dispose();
        _writer = (tx, new InvoiceLineWriter(db, skipExisting: true));
        return _writer.Value.Writer;
    }

    private void EndWriter()
    {
        _writer?.Writer.Dispose();
        _writer = null;
    }

    /// <summary>A technical return message: each RetourCode sits in a RetourCodes group; 0200 means accepted.</summary>
    private (int, string) Returned(XElement root, string what)
    {
        var codes = root.Descendants().Where(e => e.Name.LocalName == "RetourCode").ToList();
        if (codes.FirstOrDefault(e => e.Parent?.Name.LocalName != "RetourCodes") is { } stray)
            throw Fail(stray, "RetourCode", $"staat in {stray.Parent?.Name.LocalName} in plaats van in een RetourCodes-groep");
        var rejected = codes.Count(c => c.Value.Trim() != "0200");
        return (codes.Count, $"{what} vastgelegd" + (codes.Count > 0 ? $" ({codes.Count} retourcodes, {rejected} afkeur)" : ""));
    }

    private (int, string) Requests(XElement root, string provider, string municipality, DateOnly sentOn)
    {
        var client = Child(root, "Client");
        var pseudonym = Client(client);
        var providerId = Provider(Child(root, "Header"), "Afzender", provider).Id;
        Municipality(Child(root, "Header"), "Ontvanger", municipality);
        var count = 0;
        var skipped = 0;
        foreach (var p in Child(client, "AangevraagdeProducten").Elements().Where(e => e.Name.LocalName == "AangevraagdProduct"))
        {
            var reference = $"{provider}-{Text(p, "ReferentieAanbieder")}";
            var (lot, _) = Product(Child(p, "Product"));
            Date(Child(p, "ToewijzingIngangsdatum"));
            if (Optional(p, "ToewijzingEinddatum") is { } end) Date(end);
            if (db.Referrals.Any(r => r.Reference == reference)) { skipped++; continue; }
            var referrer = Optional(Child(p, "Verwijzer"), "Type")?.Value switch
            {
                "02" => ReferrerType.GeneralPractitioner, "03" => ReferrerType.YouthHealthDoctor, "04" => ReferrerType.CertifiedInstitution,
                "05" => ReferrerType.MedicalSpecialist, "08" => ReferrerType.YouthJudge, _ => ReferrerType.AccessTeam,
            };
            // A provider asks for an assignment after taking the youth on: the referral is accepted on the request date.
            var referral = new Referral(reference, pseudonym, municipality, lot, providerId, referrer, Complexity.Light, sentOn);
            referral.Accept(sentOn);
            db.Referrals.Add(referral);
            count++;
        }
        return (count, $"{count} verzoeken om toewijzing vastgelegd als verwijzing" + (skipped > 0 ? $", {skipped} al bekend" : ""));
    }

    private (int, string) Answers(XElement root, string municipality, string provider)
    {
        var answer = Child(root, "Antwoord");
        var reference = $"{provider}-{Text(answer, "ReferentieAanbieder")}";
        var outcome = Text(answer, "VerzoekAntwoord");
        var reason = Optional(answer, "RedenAfwijzingVerzoek")?.Value;
        var known = db.Referrals.Any(r => r.Reference == reference);
        var text = outcome switch
        {
            "1" => $"verzoek {reference} afgewezen door gemeente {municipality}" + (reason is not null ? $": {RefusalReasons.GetValueOrDefault(reason, "reden " + reason)}" : ""),
            "2" => $"verzoek {reference}: aanvraag in onderzoek bij gemeente {municipality}",
            _ => throw Fail(Child(answer, "VerzoekAntwoord"), "VerzoekAntwoord", $"onbekende waarde '{outcome}' (1 afgewezen, 2 in onderzoek)"),
        };
        return (1, text + (known ? "" : " (verzoek niet eerder ingelezen)"));
    }

    private (int, string) Assignments(XElement root, string municipality, string provider)
    {
        var client = Child(root, "Client");
        var pseudonym = Client(client);
        Municipality(Child(root, "Header"), "Afzender", municipality);
        var providerId = Provider(Child(root, "Header"), "Ontvanger", provider).Id;
        var count = 0;
        foreach (var p in Child(client, "ToegewezenProducten").Elements().Where(e => e.Name.LocalName == "ToegewezenProduct"))
        {
            var number = $"{municipality}-{Text(p, "ToewijzingNummer")}";
            var (lot, productCode) = Product(Child(p, "Product"));
            var assignedOn = Date(Child(p, "Toewijzingsdatum"));
            Date(Child(p, "Ingangsdatum"));
            if (db.CarePeriods.Any(c => c.AssignmentNumber == number)) continue;
            var referralReference = Optional(p, "ReferentieAanbieder") is { } r ? $"{provider}-{r.Value}" : null;
            var referralId = referralReference is null ? null : db.Referrals.Where(x => x.Reference == referralReference).Select(x => (long?)x.Id).FirstOrDefault();
            db.CarePeriods.Add(new CarePeriod(number, pseudonym, providerId, municipality, lot, productCode, assignedOn, referralId));
            count++;
        }
        return (count, $"{count} toewijzingen vastgelegd");
    }

    private (int, string) Starts(XElement root, string provider, string municipality)
    {
        var client = Child(root, "Client");
        var pseudonym = Client(client);
        var providerId = Provider(Child(root, "Header"), "Afzender", provider).Id;
        Municipality(Child(root, "Header"), "Ontvanger", municipality);
        var count = 0;
        foreach (var p in Child(client, "StartProducten").Elements().Where(e => e.Name.LocalName == "StartProduct"))
        {
            var care = CareFor(p, pseudonym, providerId, provider, municipality);
            var begin = Date(Child(p, "Begindatum"));
            Domain(p, "Begindatum", () => care.Start(begin));
            count++;
        }
        return (count, $"{count} starts van zorg vastgelegd");
    }

    private (int, string) Stops(XElement root, string provider, string municipality)
    {
        var client = Child(root, "Client");
        var pseudonym = Client(client);
        var providerId = Provider(Child(root, "Header"), "Afzender", provider).Id;
        Municipality(Child(root, "Header"), "Ontvanger", municipality);
        var count = 0;
        var oneSided = 0;
        foreach (var p in Child(client, "StopProducten").Elements().Where(e => e.Name.LocalName == "StopProduct"))
        {
            var care = CareFor(p, pseudonym, providerId, provider, municipality);
            var begin = Date(Child(p, "Begindatum"));
            var end = Date(Child(p, "Einddatum"));
            var reason = Text(p, "RedenBeeindiging");
            if (care.StartedOn is null) Domain(p, "Begindatum", () => care.Start(begin));
            Domain(p, "Einddatum", () => care.Stop(end, reason));
            if (reason == CarePeriod.EndedOneSidedlyByProvider) oneSided++;
            count++;
        }
        return (count, $"{count} beëindigingen van zorg vastgelegd" + (oneSided > 0 ? $", waarvan {oneSided} eenzijdig door de aanbieder (reden 33)" : ""));
    }

    /// <summary>The care period of a start or stop; messages may arrive before their assignment, so it is created from the message then.</summary>
    private CarePeriod CareFor(XElement product, string pseudonym, int providerId, string provider, string municipality)
    {
        var number = $"{municipality}-{Text(product, "ToewijzingNummer")}";
        var care = db.CarePeriods.Local.FirstOrDefault(c => c.AssignmentNumber == number) ?? db.CarePeriods.FirstOrDefault(c => c.AssignmentNumber == number);
        if (care is not null)
        {
            if (care.ProviderId != providerId) throw Fail(product, "ToewijzingNummer", $"toewijzing {number} hoort bij een andere aanbieder dan {provider}");
            return care;
        }
        var (lot, productCode) = Product(Child(product, "Product"));
        care = new CarePeriod(number, pseudonym, providerId, municipality, lot, productCode, Date(Child(product, "ToewijzingIngangsdatum")));
        db.CarePeriods.Add(care);
        return care;
    }

    private (int, string) Invoice(XElement root, string provider, string municipality)
    {
        var providerId = Provider(Child(root, "Header"), "Afzender", provider).Id;
        Municipality(Child(root, "Header"), "Ontvanger", municipality);
        var declaration = Child(root, "Declaratie");
        var number = Text(declaration, "DeclaratieNummer");
        var lines = new List<InvoiceLine>();
        long total = 0;
        foreach (var client in Child(declaration, "Clienten").Elements().Where(e => e.Name.LocalName == "Client"))
        {
            var pseudonym = Client(client);
            foreach (var p in Child(client, "Prestaties").Elements().Where(e => e.Name.LocalName == "Prestatie"))
            {
                var reference = $"{provider}-{number}-{Text(Child(p, "ProductReferentie"), "ReferentieNummer")}";
                var category = Text(p, "ProductCategorie");
                var productCode = Optional(p, "ProductCode")?.Value;
                var lot = lots.LotFor(productCode, category) ?? throw Fail(Child(p, "ProductCategorie"), "ProductCategorie", $"categorie {category} hoort bij geen perceel (zie rules/{LotMapping.FileName})");
                EnsureLot(p, lot);
                var period = Child(p, "ProductPeriode");
                var amount = Child(p, "IngediendBedrag");
                var cents = Long(Child(amount, "Bedrag")) * (Text(amount, "DebetCredit") == "C" ? -1 : 1);
                var units = (int)Long(Child(p, "GeleverdVolume"));
                var line = Domain(p, "Prestatie", () => new InvoiceLine(reference, providerId, municipality, lot, productCode ?? category, pseudonym,
                    Date(Child(period, "Begindatum")), Date(Child(period, "Einddatum")), units, cents));
                lines.Add(line);
                total += cents;
            }
        }
        var declared = Child(declaration, "TotaalIngediendBedrag");
        var declaredTotal = Long(Child(declared, "TotaalBedrag")) * (Text(declared, "DebetCredit") == "C" ? -1 : 1);
        if (declaredTotal != total)
            throw Fail(declared, "TotaalIngediendBedrag", $"het totaal {declaredTotal} cent wijkt af van de som van de prestaties ({total} cent)");
        var written = lines.Sum(Writer().Write);
        return (written, $"declaratie {number}: {written} prestaties, {Verwerving.Text.Nl.EuroCents(total)}" + (written < lines.Count ? $" ({lines.Count - written} al bekend)" : ""));
    }

    private string Client(XElement client)
    {
        var bsn = Child(client, "Bsn");
        if (!Pseudonymizer.IsValidBsn(bsn.Value.Trim())) throw Fail(bsn, "Bsn", "geen geldig burgerservicenummer (negen cijfers, elfproef); de waarde wordt niet getoond");
        return pseudonymizer.Pseudonymize(bsn.Value.Trim());
    }

    private (string Lot, string ProductCode) Product(XElement product)
    {
        var category = Text(product, "Categorie");
        var code = Optional(product, "Code")?.Value;
        var lot = lots.LotFor(code, category) ?? throw Fail(product, "Product/Categorie", $"categorie {category} hoort bij geen perceel (zie rules/{LotMapping.FileName})");
        EnsureLot(product, lot);
        return (lot, code ?? category);
    }

    private void EnsureLot(XElement at, string lot)
    {
        if (_knownLots.Contains(lot)) return;
        if (db.Lots.Any(l => l.Code == lot)) { _knownLots.Add(lot); return; }
        throw Fail(at, "Product", $"perceel {lot} bestaat niet in deze database (zie rules/{LotMapping.FileName})");
    }

    private Provider Provider(XElement header, string field, string agb)
    {
        if (_knownProviders.TryGetValue(agb, out var known)) return known;
        var provider = db.Providers.Local.FirstOrDefault(p => p.AgbCode == agb) ?? db.Providers.FirstOrDefault(p => p.AgbCode == agb);
        if (provider is not null) return _knownProviders[agb] = provider;
        if (!registerUnknown) throw Fail(Child(header, field), field, $"aanbieder met AGB-code {agb} is niet bekend (gebruik --register-unknown om haar te registreren)");
        provider = Domain(Child(header, field), field, () => new Provider(agb, $"Aanbieder AGB {agb}"));
        db.Providers.Add(provider);
        db.SaveChanges();
        return provider;
    }

    private void Municipality(XElement header, string field, string code)
    {
        if (_knownMunicipalities.Contains(code)) return;
        if (db.Municipalities.Any(m => m.CbsCode == code)) { _knownMunicipalities.Add(code); return; }
        if (!registerUnknown) throw Fail(Child(header, field), field, $"gemeente {code} hoort niet bij een van de regio's in deze database (gebruik --register-unknown om haar te registreren)");
        if (db.Regions.Find(ExternalRegion) is null) db.Regions.Add(new Region(ExternalRegion, "Gemeenten buiten de regio's", RegionKind.Region));
        db.Municipalities.Add(Domain(Child(header, field), field, () => new Municipality(code, $"Gemeente {code}", ExternalRegion, 0)));
        db.SaveChanges();
    }

    private T Domain<T>(XElement at, string field, Func<T> make)
    {
        try { return make(); }
        catch (DomainException ex) { throw Fail(at, field, ex.Message); }
    }

    private void Domain(XElement at, string field, Action act) => Domain<bool>(at, field, () => { act(); return true; });

    private XElement Child(XElement parent, string name) =>
        parent.Elements().FirstOrDefault(e => e.Name.LocalName == name) ?? throw Fail(parent, name, $"element ontbreekt in {parent.Name.LocalName}");

    private static XElement? Optional(XElement parent, string name) => parent.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    private string Text(XElement parent, string name)
    {
        var e = Child(parent, name);
        return string.IsNullOrWhiteSpace(e.Value) ? throw Fail(e, name, "is leeg") : e.Value.Trim();
    }

    private DateOnly Date(XElement e)
    {
        // Dates are often wrapped: <Geboortedatum><ijw:Datum>...</ijw:Datum></Geboortedatum>.
        var value = e.Value.Trim();
        return DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d : throw Fail(e, e.Name.LocalName, $"'{value}' is geen geldige datum (JJJJ-MM-DD)");
    }

    private long Long(XElement e) => long.TryParse(e.Value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
        ? v : throw Fail(e, e.Name.LocalName, $"'{e.Value.Trim()}' is geen geheel getal");

    private ImportException Fail(XElement at, string field, string message) =>
        new(_file, ((IXmlLineInfo)at).HasLineInfo() ? ((IXmlLineInfo)at).LineNumber : 0, field, message);
}
