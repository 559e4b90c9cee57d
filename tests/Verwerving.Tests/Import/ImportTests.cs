using System.Text;
using Microsoft.EntityFrameworkCore;
using Verwerving.Domain;
using Verwerving.Import;
using Verwerving.Persistence;
using Verwerving.Privacy;
using Verwerving.Tests.Persistence;

namespace Verwerving.Tests.Import;

public abstract class ImportTests : IDisposable
{
    internal static readonly string Examples = Path.Combine(Installation.Folder("tests"), "Verwerving.Tests", "Import", "ijw", "examples");
    internal static readonly string Schemas = Path.Combine(Examples, "..", "xsd");
    internal static readonly string[] ExampleBsns = ["999900006", "999900018"];
    private static readonly Pseudonymizer Key = new("import-test-sleutel-0123456789"u8.ToArray());

    private readonly TestDatabase _database;
    private readonly string _work = Directory.CreateTempSubdirectory("verwerving-import-").FullName;

    protected ImportTests(string provider)
    {
        _database = TestDatabase.Create(provider);
        using var db = _database.Options.OpenMigrated();
        SeedReference(db);
    }

    public void Dispose()
    {
        _database.Dispose();
        Directory.Delete(_work, true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Two regions' worth of reference data: what an import needs to attach its rows to.</summary>
    internal static void SeedReference(VerwervingDb db)
    {
        db.Regions.Add(new Region("ZK", "Zuid-Kennemerland", RegionKind.Region));
        db.Municipalities.Add(new Municipality("0392", "Haarlem", "ZK", 33_000));
        db.Municipalities.Add(new Municipality("0363", "Amsterdam", "ZK", 150_000));
        foreach (var (code, name) in new[] { ("AMB-OV", "Overig ambulant"), ("AMB-BGGZ", "Basis GGZ"), ("AMB-SGGZ", "Specialistische GGZ") })
            db.Lots.Add(new Lot(code, name, "Ambulant"));
        db.Providers.Add(new Provider("71000011", "Kennemer Jeugd & GGZ"));
        db.Providers.Add(new Provider("65656055", "Aanbieder uit het voorbeeld"));
        db.SaveChanges();
    }

    private IjwImporter Importer(VerwervingDb db, bool register = true, IjwSchemas? schemas = null) =>
        new(db, Key, LotMapping.Load(), TimeProvider.System, schemas, register);

    private (int Referrals, int Care, int Lines, int Messages, int Audit, long Cents) Counts()
    {
        using var db = _database.Options.OpenMigrated();
        return (db.Referrals.Count(), db.CarePeriods.Count(), db.InvoiceLines.Count(), db.IjwMessages.Count(), db.AuditEntries.Count(),
            db.InvoiceLines.Sum(l => (long?)l.AmountCents) ?? 0);
    }

    [Fact]
    public void Examples_ElevenImport_TheThreeDefectiveAreRefusedNamingTheElement()
    {
        using var db = _database.Options.OpenMigrated();
        var reports = Importer(db).Import(Examples);

        Assert.Equal(14, reports.Count);
        Assert.Equal(11, reports.Count(r => r.Status == ImportStatus.Imported));
        // The example declaration gives reference RN004 to two services (lines 97 and 116): refused whole, naming both.
        var jw323 = reports.Single(r => r.File == "JW323.xml");
        Assert.Equal(ImportStatus.Refused, jw323.Status);
        Assert.Contains("regel 116, ReferentieNummer: dit referentienummer staat ook op regel 97", jw323.Message);
        var jw315 = reports.Single(r => r.File == "JW315.xml");
        Assert.Equal(ImportStatus.Refused, jw315.Status);
        Assert.Contains("regel 44, ToewijzingEinddatum", jw315.Message);
        Assert.Contains("is geen geldige datum", jw315.Message);
        Assert.DoesNotContain("2027-06-31", jw315.Message); // a value is never echoed
        var jw318 = reports.Single(r => r.File == "JW318.xml");
        Assert.Equal(ImportStatus.Refused, jw318.Status);
        Assert.Contains("regel 33, RetourCode", jw318.Message);

        var (_, care, lines, messages, _, cents) = Counts();
        Assert.Equal(11, messages);
        Assert.Equal(4, care);                      // 2 assignments from 0384, 2 started and stopped at 0363
        Assert.Equal((0, 0L), (lines, cents));      // nothing of the refused declaration
        using var check = _database.Options.OpenMigrated();
        var stopped = check.CarePeriods.Where(c => c.EndReason != null).OrderBy(c => c.AssignmentNumber).ToList();
        Assert.Equal([2, 14], stopped.Select(c => c.WaitingDays!.Value));
        Assert.All(stopped, c => Assert.Equal("31", c.EndReason));
    }

    [Fact]
    public void SameFolderTwice_ChangesNothing()
    {
        using (var db = _database.Options.OpenMigrated()) Importer(db).Import(Examples);
        var before = Counts();
        using (var db = _database.Options.OpenMigrated())
        {
            var again = Importer(db).Import(Examples);
            Assert.Equal(11, again.Count(r => r.Status == ImportStatus.AlreadyImported));
        }
        Assert.Equal(before, Counts());
    }

    [Fact]
    public void UnknownMunicipality_IsRefusedNamingTheHeaderField_UnlessRegistrationIsAsked()
    {
        using var db = _database.Options.OpenMigrated();
        var report = Importer(db, register: false).ImportFile(Path.Combine(Examples, "JW301.xml"));
        Assert.Equal(ImportStatus.Refused, report.Status);
        Assert.Contains("regel 7, Afzender: gemeente 0384", report.Message);
        Assert.Equal(0, Counts().Care);
    }

    [Theory]
    [InlineData("<!DOCTYPE Bericht [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>")]
    [InlineData("<!DOCTYPE Bericht [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>")]
    public void MessageWithADtdOrEntity_IsRefused_AndNothingIsStored(string doctype)
    {
        var xml = File.ReadAllText(Path.Combine(Examples, "JW305.xml")).Replace("?>", "?>" + doctype, StringComparison.Ordinal);
        var path = Path.Combine(_work, "JW305-dtd.xml");
        File.WriteAllText(path, xml);
        using var db = _database.Options.OpenMigrated();
        var report = Importer(db).ImportFile(path);
        Assert.Equal(ImportStatus.Refused, report.Status);
        Assert.Contains("DTD", report.Message);
        var counts = Counts();
        Assert.Equal((0, 0, 0, 0), (counts.Care, counts.Lines, counts.Messages, counts.Audit));
    }

    [Fact]
    public void DeeplyNestedXml_IsRefusedAtOnce_NamingTheLine()
    {
        var path = Path.Combine(_work, "JW315-diep.xml");
        var depth = 200_000;
        File.WriteAllText(path, "<Bericht xmlns=\"http://www.istandaarden.nl/ijw/3_2/jw315/schema\">\n"
            + string.Concat(Enumerable.Repeat("<a>", depth)) + string.Concat(Enumerable.Repeat("</a>", depth)) + "</Bericht>");
        using var db = _database.Options.OpenMigrated();
        var report = Importer(db).ImportFile(path);
        Assert.Equal(ImportStatus.Refused, report.Status);
        Assert.Contains("regel 2, a: te diep genest", report.Message);
        Assert.Equal((0, 0), (Counts().Messages, Counts().Audit));
    }

    [Fact]
    public void LinkInAnImportedFolder_ToALargeFile_IsRefusedBySize()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_work, "map")).FullName;
        var large = Path.Combine(_work, "groot.bin");
        using (var f = File.Create(large)) f.SetLength(IjwImporter.MaxFileBytes + 1); // sparse: costs no disk
        File.CreateSymbolicLink(Path.Combine(folder, "JW301.xml"), large);
        using var db = _database.Options.OpenMigrated();
        var report = Importer(db).Import(folder).Single();
        Assert.Equal(ImportStatus.Refused, report.Status);
        Assert.Contains("groter dan 64 MB", report.Message);
    }

    [Fact]
    public void InvoiceWithOneBadService_ImportsNoneOfIt()
    {
        var xml = File.ReadAllText(Path.Combine(Examples, "JW323.xml"));
        var third = xml.IndexOf("<ijw:ReferentieNummer>RN003", StringComparison.Ordinal);
        var at = xml.IndexOf("<jw323:GeleverdVolume>", third, StringComparison.Ordinal);
        xml = xml[..at] + "<jw323:GeleverdVolume>vier" + xml[(xml.IndexOf("</jw323:GeleverdVolume>", at, StringComparison.Ordinal))..];
        var path = Path.Combine(_work, "JW323-fout.xml");
        File.WriteAllText(path, xml);
        using var db = _database.Options.OpenMigrated();
        var report = Importer(db).ImportFile(path);
        Assert.Equal(ImportStatus.Refused, report.Status);
        Assert.Contains("GeleverdVolume", report.Message);
        Assert.Matches(@"regel \d+", report.Message);
        var counts = Counts();
        Assert.Equal((0, 0), (counts.Lines, counts.Messages));
    }

    /// <summary>
    /// The example declaration under another identification and number, with its repeated reference made RN005, optionally
    /// edited, written to the work folder.
    /// </summary>
    private string Declaration(string identification, string number, Func<string, string>? edit = null, string? folder = null)
    {
        var xml = File.ReadAllText(Path.Combine(Examples, "JW323.xml"))
            .Replace("765432198", identification, StringComparison.Ordinal).Replace("DN001", number, StringComparison.Ordinal);
        var repeated = xml.LastIndexOf("<ijw:ReferentieNummer>RN004", StringComparison.Ordinal);
        xml = xml[..repeated] + "<ijw:ReferentieNummer>RN005" + xml[(repeated + "<ijw:ReferentieNummer>RN004".Length)..];
        var path = Path.Combine(folder ?? _work, $"JW323-{identification}.xml");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, edit is null ? xml : edit(xml));
        return path;
    }

    [Fact]
    public void Declaration_ImportsEveryServiceWithItsValues()
    {
        using (var db = _database.Options.OpenMigrated())
            Assert.Equal(ImportStatus.Imported, Importer(db).ImportFile(Declaration("1001", "DN101")).Status);
        using var check = _database.Options.OpenMigrated();
        var line = check.InvoiceLines.AsNoTracking().Single(l => l.Reference == "65656055-DN101-RN001");
        Assert.Equal((new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 30), 4, 5000L), (line.PeriodStart, line.PeriodEnd, line.Units, line.AmountCents));
        Assert.Equal("0384", line.MunicipalityCode);
        Assert.Equal(40, line.ClientPseudonym.Length);
        var message = check.IjwMessages.AsNoTracking().Single();
        Assert.Equal(("JW323", "1001", new DateOnly(2026, 5, 6), 5), (message.Code, message.Identification, message.SentOn, message.Items));
        Assert.Equal(79000, check.InvoiceLines.AsNoTracking().Sum(l => l.AmountCents)); // what the declaration says, € 790
    }

    [Theory]
    [InlineData("<ijw:TotaalBedrag>79000<", "<ijw:TotaalBedrag>79001<", "regel 26, TotaalIngediendBedrag: het totaal 79001 cent wijkt af")]
    [InlineData("<ijw:Bedrag>5000</ijw:Bedrag>", "", "regel 33, Bedrag: element ontbreekt in IngediendBedrag")]
    [InlineData("<jw323:Afzender>65656055<", "<jw323:Afzender><", "regel 7, Afzender: is leeg")]
    [InlineData("<jw323:Bsn>999900006<", "<jw323:Bsn>123456789<", "regel 31, Bsn: geen geldig burgerservicenummer")]
    [InlineData("<jw323:GeleverdVolume>4<", "<jw323:GeleverdVolume>9999999999<", "GeleverdVolume: valt buiten het bereik 0 tot 99.999.999")]
    [InlineData("<jw323:GeleverdVolume>4<", "<jw323:GeleverdVolume>999900006x<", "GeleverdVolume: is geen geheel getal")]
    [InlineData("<ijw:Bedrag>5000<", "<ijw:Bedrag>100000000000000000000<", "Bedrag: is geen geheel getal")]
    public void Declaration_WithAnError_IsRefusedNamingLineAndElement_AndNothingIsStored(string from, string to, string expected)
    {
        var path = Declaration("1002", "DN102", x => x.Replace(from, to, StringComparison.Ordinal));
        using var db = _database.Options.OpenMigrated();
        var report = Importer(db).ImportFile(path);
        Assert.Equal(ImportStatus.Refused, report.Status);
        Assert.Contains(expected, report.Message);
        Assert.DoesNotContain("123456789", report.Message);
        Assert.Equal((0, 0, 0), (Counts().Lines, Counts().Messages, Counts().Audit));
    }

    [Fact]
    public void Declaration_RefusedAfterRegisteringItsMunicipality_LeavesNoMunicipalityBehind()
    {
        // The reader accepts the dates; the domain refuses a period that ends before it starts, after 0384 was registered.
        var path = Declaration("1004", "DN104", x =>
        {
            var third = x.IndexOf("RN003", StringComparison.Ordinal);
            var end = x.IndexOf("<ijw:Einddatum>", third, StringComparison.Ordinal);
            return x[..end] + "<ijw:Einddatum>2026-03-01" + x[x.IndexOf("</ijw:Einddatum>", end, StringComparison.Ordinal)..];
        });
        using (var db = _database.Options.OpenMigrated())
        {
            var report = Importer(db, register: true).ImportFile(path);
            Assert.Equal(ImportStatus.Refused, report.Status);
            Assert.Contains("Prestatie", report.Message);
        }
        using var check = _database.Options.OpenMigrated();
        Assert.False(check.Municipalities.Any(m => m.CbsCode == "0384"));
        Assert.Equal((0, 0), (Counts().Lines, Counts().Messages));
    }

    [Fact]
    public void Batch_WithOneBadDeclarationAmongGoodOnes_KeepsTheGoodOnes_AndTheAuditChainHolds()
    {
        var folder = Path.Combine(_work, "batch");
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(Examples, "JW301.xml"), Path.Combine(folder, "JW301.xml"));
        Declaration("2001", "DN201", folder: folder);
        Declaration("2002", "DN202", x => x.Replace("<jw323:GeleverdVolume>16<", "<jw323:GeleverdVolume>zestien<", StringComparison.Ordinal), folder);
        Declaration("2003", "DN203", folder: folder);
        Declaration("2004", "DN204", folder: folder);

        using (var db = _database.Options.OpenMigrated())
        {
            var reports = Importer(db).Import(folder);
            Assert.Equal(["JW301.xml", "JW323-2001.xml", "JW323-2002.xml", "JW323-2003.xml", "JW323-2004.xml"], reports.Select(r => r.File));
            Assert.Equal([ImportStatus.Imported, ImportStatus.Imported, ImportStatus.Refused, ImportStatus.Imported, ImportStatus.Imported], reports.Select(r => r.Status));
            Assert.Contains("GeleverdVolume", reports[2].Message);
        }
        var counts = Counts();
        Assert.Equal((15, 4, 4), (counts.Lines, counts.Messages, counts.Audit));
        using var check = _database.Options.OpenMigrated();
        Assert.False(check.InvoiceLines.Any(l => l.Reference.Contains("DN202")));
        var chain = check.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).ToList();
        AuditEntry? previous = null;
        foreach (var entry in chain)
        {
            Assert.True(entry.IsIntact(previous), $"audit entry {entry.Sequence} breaks the chain");
            previous = entry;
        }
    }

    [Fact]
    public void Declaration_AgainUnderItsIdentificationWithOtherContent_IsRefused()
    {
        using (var db = _database.Options.OpenMigrated()) Importer(db).ImportFile(Declaration("3001", "DN301"));
        var before = Counts();
        var changed = Declaration("3001", "DN301", x => x
            .Replace("<ijw:Bedrag>5000<", "<ijw:Bedrag>5100<", StringComparison.Ordinal)
            .Replace("<ijw:TotaalBedrag>79000<", "<ijw:TotaalBedrag>79100<", StringComparison.Ordinal));
        using (var db = _database.Options.OpenMigrated())
        {
            var report = Importer(db).ImportFile(changed);
            Assert.Equal(ImportStatus.Refused, report.Status);
            Assert.Contains("Identificatie", report.Message);
            Assert.Contains("andere inhoud", report.Message);
        }
        Assert.Equal((5, 1), (before.Lines, before.Messages));
        Assert.Equal(before, Counts());
    }

    [Fact]
    public void InvalidBsn_IsRefused_WithoutEchoingIt()
    {
        var xml = File.ReadAllText(Path.Combine(Examples, "JW305.xml")).Replace("999900006", "123456789", StringComparison.Ordinal);
        var path = Path.Combine(_work, "JW305-bsn.xml");
        File.WriteAllText(path, xml);
        using var db = _database.Options.OpenMigrated();
        var report = Importer(db).ImportFile(path);
        Assert.Equal(ImportStatus.Refused, report.Status);
        Assert.Contains("Bsn", report.Message);
        Assert.DoesNotContain("123456789", report.Message);
    }

    [Fact]
    public void ReferralRegister_WithOneBadRow_ImportsNothing_AndNamesLineAndColumn()
    {
        var path = Path.Combine(_work, "verwijzingen.csv");
        File.WriteAllText(path, """
            kenmerk;bsn;gemeente;perceel;aanbieder;verwijzer;datum;uitkomst;antwoorddatum;reden;complexiteit
            T-1;999900006;0392;AMB-OV;71000011;huisarts;2025-02-01;geaccepteerd;2025-02-03;;licht
            T-2;999900018;0392;AMB-OV;71000011;wijkteam;2025-02-02;misschien;2025-02-04;;complex
            """);
        using (var db = _database.Options.OpenMigrated())
        {
            var ex = Assert.Throws<InputException>(() => new CsvImporter(db, Key, TimeProvider.System).Referrals(path));
            Assert.Contains("verwijzingen.csv regel 3, kolom uitkomst", ex.Message);
        }
        Assert.Equal(0, Counts().Referrals);

        File.WriteAllText(path, File.ReadAllText(path).Replace("misschien;2025-02-04;;", "geweigerd;2025-02-04;Geen plek;", StringComparison.Ordinal));
        using (var db = _database.Options.OpenMigrated())
            Assert.Equal(ImportStatus.Imported, new CsvImporter(db, Key, TimeProvider.System).Referrals(path).Status);
        using (var db = _database.Options.OpenMigrated())
        {
            Assert.Equal(ImportStatus.AlreadyImported, new CsvImporter(db, Key, TimeProvider.System).Referrals(path).Status);
            var refused = db.Referrals.Single(r => r.Reference == "T-2");
            Assert.Equal((ReferralOutcome.Refused, Complexity.Complex, 2), (refused.Outcome, refused.Complexity, refused.AnswerDays!.Value));
        }
    }

    private const string ReferralHeader = "kenmerk;bsn;gemeente;perceel;aanbieder;verwijzer;datum;uitkomst;antwoorddatum;reden;complexiteit";
    private const string ReferralRow = "T-1;999900006;0392;AMB-OV;71000011;huisarts;2025-02-01;geaccepteerd;2025-02-03;;licht";

    /// <summary>
    /// The bad-input corpus for the CSV imports: every case is refused with the file and line (and the field where
    /// there is one), imports nothing, and never echoes a BSN from the input.
    /// </summary>
    public static TheoryData<string, string, string, string> BadCsv() => new()
    {
        { "short-row", "referrals", ReferralHeader + "\nT-1;999900006;0392;AMB-OV;71000011;huisarts;2025-02-01;geaccepteerd;2025-02-03;licht\n", "regel 2: 10 velden, 11 verwacht" },
        { "extra-field", "referrals", ReferralHeader + "\n" + ReferralRow + ";999900018\n", "regel 2: 12 velden, 11 verwacht" },
        { "unclosed-quote", "referrals", ReferralHeader + "\nT-1;\"999900006;0392;AMB-OV;71000011;huisarts;2025-02-01;geaccepteerd;2025-02-03;;licht\nT-2;999900018;0392;AMB-OV;71000011;huisarts;2025-02-01;open;;;licht\n", "regel 2" },
        { "unexpected-column", "referrals", ReferralHeader + ";notitie\n" + ReferralRow + ";x\n", "regel 1: onverwachte kolom(men) notitie" },
        { "tab-delimiter", "referrals", ReferralHeader.Replace(';', '\t') + "\n" + ReferralRow.Replace(';', '\t') + "\n", "regel 1: scheidingsteken" },
        { "pipe-delimiter", "referrals", ReferralHeader.Replace(';', '|') + "\n" + ReferralRow.Replace(';', '|') + "\n", "regel 1: scheidingsteken" },
        { "nul-character", "referrals", ReferralHeader + "\n" + ReferralRow.Replace("T-1", "T-\01") + "\n", "regel 2: bevat een NUL-teken" },
        { "invalid-utf8", "referrals", ReferralHeader + "\n" + ReferralRow.Replace("T-1", "T-\uFFFF1") + "\n", "regel 2: geen geldige UTF-8" },
        { "field-too-long", "referrals", ReferralHeader + "\n" + ReferralRow.Replace(";;licht", ";" + new string('x', 5000) + ";licht") + "\n", "langer dan 1000 tekens" },
        { "header-only", "referrals", ReferralHeader + "\n", "bevat geen regels" },
        { "bsn-in-a-number", "budgets", "gemeente;jaar;bedrag\n0392;999900006;1000\n", "regel 2, kolom jaar: valt buiten het bereik" },
        { "bsn-as-municipality", "budgets", "gemeente;jaar;bedrag\n999900006;2025;1000\n", "regel 2, kolom gemeente: onbekende gemeentecode" },
        { "budget-overflow", "budgets", "gemeente;jaar;bedrag\n0392;2025;100000000000000000000\n", "regel 2, kolom bedrag: valt buiten het bereik" },
        { "quality-overflow", "quality", "aanbieder;indicator;van;tot;waarde;aantal\n71000011;respons;2025-01-01;2025-03-31;0,31;100000000000000000000\n", "regel 2, kolom aantal: valt buiten het bereik" },
        { "quality-value-overflow", "quality", "aanbieder;indicator;van;tot;waarde;aantal\n71000011;respons;2025-01-01;2025-03-31;100000000000000000000;1\n", "regel 2, kolom waarde: valt buiten het bereik" },
        { "bsn-in-a-date", "quality", "aanbieder;indicator;van;tot;waarde;aantal\n71000011;respons;999900006;2025-03-31;0,3;1\n", "regel 2, kolom van: is geen datum" },
    };

    [Theory]
    [MemberData(nameof(BadCsv))]
    public void BadCsv_IsRefusedWithFileAndLine_WritesNothing_AndEchoesNoBsn(string name, string kind, string content, string expected)
    {
        var path = Path.Combine(_work, name + ".csv");
        // U+FFFF stands for a byte that is not UTF-8 at all.
        var bytes = Encoding.UTF8.GetBytes(content.Replace("\uFFFF", "\u0001", StringComparison.Ordinal));
        if (content.Contains('\uFFFF', StringComparison.Ordinal)) bytes = bytes.Select(b => b == 0x01 ? (byte)0xFF : b).ToArray();
        File.WriteAllBytes(path, bytes);
        var before = Counts();
        int budgets, quality;
        using (var db = _database.Options.OpenMigrated()) (budgets, quality) = (db.BudgetFrames.Count(), db.QualityMeasurements.Count());
        using (var db = _database.Options.OpenMigrated())
        {
            var importer = new CsvImporter(db, Key, TimeProvider.System);
            var ex = Assert.Throws<InputException>(() => kind switch
            {
                "referrals" => importer.Referrals(path),
                "budgets" => importer.Budgets(path),
                _ => importer.Quality(path),
            });
            Assert.Contains(name + ".csv", ex.Message);
            Assert.Contains(expected, ex.Message);
            foreach (var bsn in ExampleBsns) Assert.DoesNotContain(bsn, ex.Message);
            Assert.DoesNotContain("   at ", ex.Message);
        }
        Assert.Equal(before, Counts());
        using (var db = _database.Options.OpenMigrated()) Assert.Equal((budgets, quality), (db.BudgetFrames.Count(), db.QualityMeasurements.Count()));
        if (_database.Options.SqlitePath is { } file)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            var stored = string.Concat(new[] { file, file + "-wal" }.Where(File.Exists).Select(f => Encoding.Latin1.GetString(File.ReadAllBytes(f))));
            foreach (var bsn in ExampleBsns) Assert.DoesNotContain(bsn, stored);
        }
        Figures.Report($"slechte invoer ({(_database.Options.IsPostgres ? "postgres" : "sqlite")}): {name,-22} geweigerd met '{expected}', niets geschreven, geen BSN");
    }

    [Fact]
    public void KnownReferral_ArrivingWithAnotherClient_IsAConflict_NotUnchanged()
    {
        var path = Path.Combine(_work, "verwijzingen.csv");
        File.WriteAllText(path, ReferralHeader + "\n" + ReferralRow + "\n");
        using (var db = _database.Options.OpenMigrated()) Assert.Equal(ImportStatus.Imported, new CsvImporter(db, Key, TimeProvider.System).Referrals(path).Status);
        var pseudonym = Key.Pseudonymize("999900006");
        File.WriteAllText(path, ReferralHeader + "\n" + ReferralRow.Replace("999900006", "999900018", StringComparison.Ordinal) + "\n");
        using (var db = _database.Options.OpenMigrated())
        {
            var ex = Assert.Throws<InputException>(() => new CsvImporter(db, Key, TimeProvider.System).Referrals(path));
            Assert.Contains("regel 2, kolom kenmerk: deze verwijzing staat er al met een andere cliënt", ex.Message);
            Assert.DoesNotContain("999900018", ex.Message);
        }
        using (var db = _database.Options.OpenMigrated()) Assert.Equal(pseudonym, db.Referrals.Single().ClientPseudonym);
    }

    [Fact]
    public void BsnInAFileName_IsMasked_InTheReportAndTheAuditTrail()
    {
        var path = Path.Combine(_work, "verwijzing-999900006.csv");
        File.WriteAllText(path, ReferralHeader + "\n" + ReferralRow + "\n");
        using (var db = _database.Options.OpenMigrated())
        {
            var report = new CsvImporter(db, Key, TimeProvider.System).Referrals(path);
            Assert.Equal("verwijzing-*********.csv", report.File);
        }
        using (var db = _database.Options.OpenMigrated())
        {
            Assert.DoesNotContain(db.AuditEntries.AsNoTracking().ToList(), a => (a.SubjectKey + a.DetailsJson).Contains("999900006", StringComparison.Ordinal));
            Assert.Contains(db.AuditEntries.AsNoTracking().ToList(), a => a.SubjectKey == "verwijzing-*********.csv");
        }
        // A number that is no BSN stays readable.
        Assert.Equal("declaraties-123456789.xml", Pseudonymizer.MaskBsns("declaraties-123456789.xml"));
    }

    [Fact]
    public void BudgetsAndQuality_ImportAndAmend()
    {
        var budgets = Path.Combine(_work, "budgetten.csv");
        File.WriteAllText(budgets, "gemeente,jaar,bedrag\n0392,2025,\"12.500.000,00\"\n0363,2025,4000000\n");
        var quality = Path.Combine(_work, "kwaliteit.csv");
        File.WriteAllText(quality, "aanbieder;indicator;van;tot;waarde;aantal\n71000011;respons;2025-01-01;2025-03-31;0,31;120\n");
        using (var db = _database.Options.OpenMigrated())
        {
            var importer = new CsvImporter(db, Key, TimeProvider.System);
            Assert.Equal(2, importer.Budgets(budgets).Items);
            Assert.Equal(1, importer.Quality(quality).Items);
        }
        File.WriteAllText(budgets, "gemeente;jaar;bedrag\n0392;2025;13000000\n0363;2025;4000000\n");
        using (var db = _database.Options.OpenMigrated())
        {
            var report = new CsvImporter(db, Key, TimeProvider.System).Budgets(budgets);
            Assert.Contains("1 gewijzigd, 1 ongewijzigd", report.Message);
        }
        using (var db = _database.Options.OpenMigrated())
        {
            Assert.Equal(13_000_000_00, db.BudgetFrames.Single(b => b.MunicipalityCode == "0392").AmountCents);
            Assert.Equal(0.31m, db.QualityMeasurements.Single().Value);
        }
    }

    [Fact]
    public void BudgetsAndQuality_FromYaml_ImportLikeTheCsv_AndAreRepeatable()
    {
        var budgets = Path.Combine(_work, "budgetten.yaml");
        File.WriteAllText(budgets, "budgetten:\n  - gemeente: \"0392\"\n    jaar: 2025\n    bedrag: 12500000\n  - { gemeente: \"0363\", jaar: 2025, bedrag: \"4.000.000,00\" }\n");
        var quality = Path.Combine(_work, "kwaliteit.yml");
        File.WriteAllText(quality, "- aanbieder: \"71000011\"\n  indicator: respons\n  van: 2025-01-01\n  tot: 2025-03-31\n  waarde: 0.31\n  aantal: 120\n");
        using (var db = _database.Options.OpenMigrated())
        {
            var importer = new CsvImporter(db, Key, TimeProvider.System);
            Assert.Equal(2, importer.Budgets(budgets).Items);
            Assert.Equal(1, importer.Quality(quality).Items);
            Assert.Contains("0 budgetten toegevoegd, 0 gewijzigd, 2 ongewijzigd", importer.Budgets(budgets).Message);
        }
        using (var db = _database.Options.OpenMigrated())
        {
            Assert.Equal(4_000_000_00, db.BudgetFrames.Single(b => b.MunicipalityCode == "0363").AmountCents);
            Assert.Equal(120, db.QualityMeasurements.Single().Basis);
        }
    }

    [Fact]
    public void YamlWithABadRecord_ImportsNothing_AndNamesLineAndField()
    {
        var budgets = Path.Combine(_work, "budgetten.yaml");
        File.WriteAllText(budgets, "- gemeente: \"0392\"\n  jaar: 2026\n  bedrag: 100\n- gemeente: \"9999\"\n  jaar: 2026\n  bedrag: veel\n  kleur: rood\n");
        using var db = _database.Options.OpenMigrated();
        var error = Assert.Throws<InputException>(() => new CsvImporter(db, Key, TimeProvider.System).Budgets(budgets));
        Assert.Contains("budgetten.yaml regel 4, veld gemeente: onbekende gemeentecode (CBS)", error.Message);
        Assert.Contains("budgetten.yaml regel 4, veld bedrag: is geen getal", error.Message);
        Assert.DoesNotContain("veel", error.Message); // a field's value is never echoed: it may hold personal data
        Assert.Contains("budgetten.yaml regel 4, veld kleur: onbekend veld", error.Message);
        Assert.Equal(0, db.BudgetFrames.Count());
        File.WriteAllText(budgets, "gemeente: [\n");
        Assert.Contains("budgetten.yaml regel", Assert.Throws<InputException>(() => new CsvImporter(db, Key, TimeProvider.System).Budgets(budgets)).Message);
    }
}

public sealed class SqliteImportTests() : ImportTests("sqlite")
{
    [Fact]
    public void WithSchemas_TheSameTwoAreRefusedByTheSchema()
    {
        using var database = TestDatabase.Sqlite();
        using var db = database.Options.OpenMigrated();
        SeedReference(db);
        var reports = new IjwImporter(db, new Pseudonymizer("k-0123456789abcdef"u8.ToArray()), LotMapping.Load(), TimeProvider.System, new IjwSchemas(Schemas), true)
            .Import(Examples);
        Assert.Equal(["JW315.xml", "JW318.xml", "JW323.xml"], reports.Where(r => r.Status == ImportStatus.Refused).Select(r => r.File).Order());
        Assert.Contains("ToewijzingEinddatum", reports.Single(r => r.File == "JW315.xml").Message);
        Assert.Contains("RetourCode", reports.Single(r => r.File == "JW318.xml").Message);
    }

    [Theory]
    [InlineData("link")]
    [InlineData("lower-case")]
    public void SchemaFolder_WithTheBaseSchemaUnderEitherCase_Validates(string layout)
    {
        var folder = Directory.CreateTempSubdirectory("verwerving-xsd-").FullName;
        try
        {
            foreach (var f in Directory.GetFiles(Schemas, "*.xsd").Where(f => Path.GetFileName(f) != "basisschema.xsd"))
                File.Copy(f, Path.Combine(folder, layout == "lower-case" && Path.GetFileName(f) == "Basisschema.xsd" ? "basisschema.xsd" : Path.GetFileName(f)));
            if (layout == "link") File.CreateSymbolicLink(Path.Combine(folder, "basisschema.xsd"), Path.Combine(folder, "Basisschema.xsd"));
            using var database = TestDatabase.Sqlite();
            using var db = database.Options.OpenMigrated();
            SeedReference(db);
            var report = new IjwImporter(db, new Pseudonymizer("k-0123456789abcdef"u8.ToArray()), LotMapping.Load(), TimeProvider.System, new IjwSchemas(folder), true)
                .ImportFile(Path.Combine(Examples, "JW301.xml"));
            Assert.True(report.Status == ImportStatus.Imported, report.Message);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Fact]
    public void AfterImport_NoBsnFromTheInput_AppearsInTheDatabaseFile_OrTheOutput()
    {
        using var database = TestDatabase.Sqlite();
        using (var db = database.Options.OpenMigrated()) SeedReference(db);
        var csv = Path.Combine(Path.GetDirectoryName(database.Options.SqlitePath)!, "verwijzingen.csv");
        File.WriteAllText(csv, "kenmerk;bsn;gemeente;perceel;aanbieder;verwijzer;datum;uitkomst;antwoorddatum;reden;complexiteit\n" +
                               "T-9;111222333;0392;AMB-OV;71000011;huisarts;2025-02-01;geaccepteerd;2025-02-03;;licht\n");
        var outputs = new StringBuilder();
        foreach (var args in new[]
                 {
                     new[] { "import", "ijw", Examples, "--register-unknown", "--db", database.Options.SqlitePath! },
                     ["import", "referrals", csv, "--db", database.Options.SqlitePath!],
                     ["findings", "list", "--status", "all", "--json", "--db", database.Options.SqlitePath!],
                     ["audit", "list", "--json", "--db", database.Options.SqlitePath!],
                 })
        {
            var (_, output, error) = Cli.CliTests.Run(args);
            outputs.Append(output).Append(error);
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var bytes = Directory.GetFiles(Path.GetDirectoryName(database.Options.SqlitePath)!, "test.db*").SelectMany(File.ReadAllBytes).ToArray();
        var text = Encoding.Latin1.GetString(bytes);
        foreach (var bsn in ExampleBsns.Append("111222333"))
        {
            Assert.DoesNotContain(bsn, text);
            Assert.DoesNotContain(bsn, outputs.ToString());
        }
        Assert.Contains("ingelezen", outputs.ToString());
    }
}

[Trait("Category", "Postgres")]
public sealed class PostgresImportTests() : ImportTests("postgres");
