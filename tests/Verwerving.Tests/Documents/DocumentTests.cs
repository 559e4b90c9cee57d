using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Verwerving.Cli;
using Verwerving.Documents;
using Verwerving.Domain;
using Verwerving.Persistence;
using Verwerving.Tests.Rules;

namespace Verwerving.Tests.Documents;

/// <summary>The templates: checked at load against their view models, sandboxed while rendering.</summary>
public class TemplateTests
{
    private static string Header(string model = "besluit") => $"{{{{##\ntitel: Proef\nmodel: {model}\nversie: 1\n##}}}}\n";

    /// <summary>A folder with the shipped shared parts and, optionally, a part of the test's own.</summary>
    private static Func<string, TemplatePart?> Parts(params (string Name, string Text)[] extra) => name =>
        extra.Where(e => e.Name == name).Select(e => new TemplatePart(e.Name, "_" + e.Name + TemplateLibrary.Extension, e.Text)).FirstOrDefault()
        ?? TemplateLibrary.PartLoader(TemplateLibrary.DefaultFolder())(name);

    [Fact]
    public void EveryShippedTemplate_LoadsAndChecks_WithItsSharedParts()
    {
        var library = new TemplateLibrary(TemplateLibrary.DefaultFolder());
        var all = library.All().ToList();
        Assert.Equal(["besluitnota", "continuiteitssignaal", "dialoogronde-verslag", "evaluatierapport", "gunningsbeslissing", "kwartaalmonitor", "raadsinformatiebrief"],
            all.Select(t => t.Id));
        Assert.All(all, t => Assert.True(t.Version >= 1));
        // One header and one footer for all documents: every document includes them.
        Assert.All(all, t => Assert.Equal(["kop", "voet"], t.Parts.Keys.Where(k => k is "kop" or "voet").Order(StringComparer.Ordinal)));
    }

    [Fact]
    public void UnknownMember_FailsAtLoad_WithFileLineAndColumn()
    {
        var text = Header() + "<p>{{ besluit.title }}</p>\n<p>{{ besluit.voorstel }}</p>\n{{ for s in besluit.mandate_chain }}{{ s.who.name }}{{ s.wie }}{{ end }}\n{{ geheim }}\n";
        var ex = Assert.Throws<TemplateException>(() => TemplateLibrary.Compile("proef", "proef.sbn-html", text));
        Assert.Equal(4, ex.Errors.Count);
        var member = ex.Errors.Single(e => e.Field == "besluit.voorstel");
        Assert.Equal(("proef.sbn-html", 7, 7), (member.File, member.Line, member.Column));
        Assert.Contains("proposal", member.Message); // names what does exist
        Assert.StartsWith("proef.sbn-html:7:7: besluit.voorstel:", member.ToString(), StringComparison.Ordinal);
        Assert.Equal(8, ex.Errors.Single(e => e.Field == "s.wie").Line);
        Assert.Contains("zonder velden", ex.Errors.Single(e => e.Field == "s.who.name").Message);
        Assert.Equal((9, 4), (ex.Errors.Single(e => e.Field == "geheim").Line, ex.Errors.Single(e => e.Field == "geheim").Column));
    }

    [Fact]
    public void BrokenSyntaxOrHeader_IsRefusedWithTheLine()
    {
        var syntax = Assert.Throws<TemplateException>(() => TemplateLibrary.Compile("x", "x.sbn-html", Header() + "<p>\n{{ if besluit.joint }}open\n"));
        Assert.Contains(syntax.Errors, e => e.Field == "scriban" && e.Line >= 6 && e.Column > 0);
        var header = Assert.Throws<TemplateException>(() => TemplateLibrary.Compile("x", "x.sbn-html", "{{##\ntitel: x\nmodel: roman\n##}}\n"));
        Assert.Contains(header.Errors, e => e.Field == "kop.versie");
        Assert.Contains(header.Errors, e => e.Field == "kop.model" && e.Line == 3 && e.Message.Contains("besluit", StringComparison.Ordinal));
        var none = Assert.Throws<TemplateException>(() => TemplateLibrary.Compile("x", "x.sbn-html", "<p>{{ besluit.title }}</p>"));
        Assert.Equal("kop", none.Errors.Single().Field);
    }

    [Fact]
    public void EndlessLoops_AreStopped()
    {
        // A billion iterations in three small nested ranges: only the step limit over all loops ends it.
        var nested = TemplateLibrary.Compile("lus", "lus.sbn-html", Header()
            + "{{ for a in 1..1000 }}{{ for b in 1..1000 }}{{ for c in 1..1000 }}{{ besluit.title }}{{ end }}{{ end }}{{ end }}");
        var ex = Assert.Throws<TemplateException>(() => TemplateLibrary.Render(nested, Info(), Decision()));
        Assert.Contains("stappen", ex.Message);
        Assert.Contains("lus.sbn-html:6:", ex.Message);
        var endless = TemplateLibrary.Compile("lus", "lus.sbn-html", Header() + "{{ while true }}x{{ end }}");
        Assert.Contains("gestopt", Assert.Throws<TemplateException>(() => TemplateLibrary.Render(endless, Info(), Decision())).Message);
    }

    [Fact]
    public void DotNetTypes_AreOutOfReach_AtLoadAndWhileRendering()
    {
        // At load: members of values, Scriban's object, date and regex built-ins do not exist here.
        foreach (var (expression, field) in new[] { ("besluit.proposed_on.year", "besluit.proposed_on.year"), ("object.typeof besluit", "object"),
                     ("date.now", "date"), ("besluit.title | regex.replace 'a' 'b'", "regex"), ("besluit.regions.count", "besluit.regions.count") })
        {
            var ex = Assert.Throws<TemplateException>(() => TemplateLibrary.Compile("x", "x.sbn-html", Header() + "{{ " + expression + " }}"));
            Assert.Contains(ex.Errors, e => e.Field == field);
        }
        // While rendering, even without the load-time check: only the view-model records' properties are visible.
        var bypass = Unchecked("{{ besluit.proposed_on.day_number }}");
        var refused = Assert.Throws<TemplateException>(() => TemplateLibrary.Render(bypass, Info(), Decision()));
        Assert.Equal("weergave", refused.Errors.Single().Field);
        Assert.Throws<TemplateException>(() => TemplateLibrary.Render(Unchecked("{{ date.now }}"), Info(), Decision()));
    }

    [Fact]
    public void Include_OnlyOfSharedPartsInTemplates()
    {
        foreach (var name in new[] { "../../etc/passwd", "/etc/passwd", "kop.sbn-html", "bestaat-niet" })
        {
            var ex = Assert.Throws<TemplateException>(() => TemplateLibrary.Compile("x", "x.sbn-html", Header() + $"{{{{ include '{name}' }}}}", Parts()));
            Assert.Contains("onderdeel", ex.Errors.Single().Message);
        }
        var computed = Assert.Throws<TemplateException>(() => TemplateLibrary.Compile("x", "x.sbn-html", Header() + "{{ include besluit.title }}", Parts()));
        Assert.Contains("vaste naam", computed.Errors.Single().Message);
        // While rendering, the loader serves only the parts checked with the template, never a file.
        var refused = Assert.Throws<TemplateException>(() => TemplateLibrary.Render(Unchecked("{{ include 'kop' 'a' 'b' 'c' 'd' }}"), Info(), Decision()));
        Assert.Contains("geen gedeeld onderdeel", refused.Message);
        // The library refuses a template name with a path in it.
        var library = new TemplateLibrary(TemplateLibrary.DefaultFolder());
        Assert.False(library.Exists("../templates/besluitnota"));
        Assert.Contains("zonder map", Assert.Throws<InputException>(() => library.Get("../../x")).Message);
    }

    [Fact]
    public void IncludedPart_IsCheckedWithTheTypesOfItsArguments()
    {
        var part = ("regel", "<li>{{ $1.who }}: {{ $1.wat }}</li>");
        var ex = Assert.Throws<TemplateException>(() => TemplateLibrary.Compile("x", "x.sbn-html",
            Header() + "{{ for s in besluit.mandate_chain }}{{ include 'regel' s }}{{ end }}", Parts(part)));
        var error = ex.Errors.Single();
        Assert.Equal(("_regel.sbn-html", 1, "$1.wat"), (error.File, error.Line, error.Field));
        Assert.Contains("who", error.Message);
        var tooFew = Assert.Throws<TemplateException>(() => TemplateLibrary.Compile("x", "x.sbn-html", Header() + "{{ include 'regel' }}", Parts(part)));
        Assert.Contains("0 argument", tooFew.Errors.Single().Message);
    }

    [Fact]
    public void Values_AreHtmlEncoded_AndFormattedInDutch()
    {
        var part = ("kop2", "<h1>{{ $1 }}</h1>");
        var template = TemplateLibrary.Compile("x", "x.sbn-html", Header()
            + "{{ besluit.title }}|{{ besluit.proposed_on | datum }}|{{ 123456789 | euro }}|{{ 0.1234 | procent }}|{{ besluit.joint | ja_nee }}|{{ 0.48 | waarde 'fractie' }}|{{ 7.5 | waarde 'cijfer' }}|{{ besluit.decided_on | datum }}|{{ include 'kop2' besluit.title }}",
            Parts(part));
        var html = TemplateLibrary.Render(template, Info(), Decision() with { Title = "<script>alert(1)</script>" });
        Assert.Equal("&lt;script&gt;alert(1)&lt;/script&gt;|5 januari 2026|€ 1.234.568|12,3%|ja|48,0%|7,5|—|<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>", html.Trim());
    }

    [Fact]
    public void Chart_DrawsOneBarPerValue_AndTheNormLine()
    {
        var chart = new Chart("Omzet", "euro", ["2023", "2024"], [new ChartSeries("plafond", [100m, 200m]), new ChartSeries("omzet", [90m, 210m])], 150m, "norm");
        var svg = chart.Svg();
        Assert.Equal(4, Regex.Matches(svg, "</rect>").Count); // bars carry a tooltip; the legend's swatches do not
        Assert.Contains(Chart.NormColour, svg);
        Assert.Contains("norm: € 150", svg);
    }

    /// <summary>A template that skipped the load-time check, to test what the sandbox itself allows.</summary>
    private static DocumentTemplate Unchecked(string body) =>
        new("x", "Proef", DocumentModels.Kinds["besluit"], 1, "", "x.sbn-html", body, Scriban.Template.Parse(body, "x.sbn-html"), new Dictionary<string, TemplatePart>());

    internal static DocumentInfo Info() => new("Proef", "proef", 1, new DateOnly(2026, 1, 5), "PHO-1", "Zuid-Kennemerland en IJmond", new Html(""));

    private static DecisionModel Decision() => new("PHO-1", "Titel", "Voorstel", "ter besluit", ["Zuid-Kennemerland", "IJmond"], true, false,
        new DateOnly(2026, 1, 5), "kernteam", null, [], [], [], [], [], new DecisionMoney(2026, null, 2025, 0, 0, 2025, 0, 0, null), [], "", []);
}

/// <summary>The documents the demo renders, read for their figures, dates and names; the PDF; the OCDS export.</summary>
public class DemoDocumentTests(DemoDatabaseFixture demo) : IClassFixture<DemoDatabaseFixture>
{
    private VerwervingDb Open() => DatabaseOptions.Sqlite(demo.Template).OpenMigrated();

    private RenderedDocument Document(string template, string subject)
    {
        using var db = Open();
        return db.Documents.AsNoTracking().Single(d => d.TemplateId == template && d.SubjectKey == subject);
    }

    private static string Text(string html) =>
        System.Net.WebUtility.HtmlDecode(Regex.Replace(Regex.Replace(Regex.Replace(html, "<style>.*?</style>", "", RegexOptions.Singleline), "<[^>]+>", " "), @"\s+", " "));

    [Fact]
    public void EveryDocument_IsStoredWithItsTemplateVersionAndContentHash()
    {
        using var db = Open();
        var documents = db.Documents.AsNoTracking().ToList();
        Assert.Equal(["besluitnota", "continuiteitssignaal", "dialoogronde-verslag", "evaluatierapport", "gunningsbeslissing", "kwartaalmonitor", "raadsinformatiebrief"],
            documents.Select(d => d.TemplateId).Distinct().Order());
        foreach (var d in documents)
        {
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(d.Html))), d.ContentHash);
            Assert.Equal(d.TemplateId is "gunningsbeslissing" or "dialoogronde-verslag" or "continuiteitssignaal" or "evaluatierapport" ? 3 : 2, d.TemplateVersion);
        }
        Assert.All(documents.Where(d => d.TemplateId is "besluitnota" or "evaluatierapport"), d => Assert.NotNull(d.InstanceId));
        Assert.True(db.AuditEntries.Count(a => a.Action == "document.gemaakt") >= documents.Count);
    }

    /// <summary>
    /// Every document the demo makes reads as its golden text (tags and style removed, whitespace collapsed). The texts
    /// were taken from the Fluid templates before the move to Scriban; the memo (what an alderman needs first) and
    /// quality fractions (as percentages) were changed on purpose afterwards.
    /// </summary>
    [Fact]
    public void EveryDemoDocument_ReadsAsItsGoldenText()
    {
        using var db = Open();
        var folder = Path.Combine(Installation.Folder("tests"), "Verwerving.Tests", "Documents", "golden");
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new List<string>();
        foreach (var d in db.Documents.AsNoTracking().OrderBy(d => d.Id).ToList())
        {
            var key = d.TemplateId + "_" + Regex.Replace(d.SubjectKey, "[^A-Za-z0-9-]+", "-");
            seen[key] = seen.GetValueOrDefault(key) + 1;
            var name = $"{key}_{seen[key]}.txt";
            names.Add(name);
            // A deliberate template change: VERWERVING_UPDATE_GOLDEN=1 rewrites the texts, which the review then reads.
            if (Environment.GetEnvironmentVariable("VERWERVING_UPDATE_GOLDEN") == "1") File.WriteAllText(Path.Combine(folder, name), Text(d.Html).Trim() + "\n");
            Assert.True(File.Exists(Path.Combine(folder, name)), $"geen gouden tekst voor {name}");
            Assert.Equal(File.ReadAllText(Path.Combine(folder, name)).Trim(), Text(d.Html).Trim());
        }
        Assert.Equal(Directory.GetFiles(folder, "*.txt").Select(Path.GetFileName).Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void PhoMemo_PutsTheDecisionMoneyOptionsAndApprovalsFirst()
    {
        using var db = Open();
        var memo = Text(Document("besluitnota", "PHO-2026-01").Html);
        var ijmond = db.Municipalities.AsNoTracking().Where(m => m.RegionCode == "IJM").Select(m => m.CbsCode).ToList();
        var frame = db.BudgetFrames.AsNoTracking().Where(b => b.Year == 2025 && ijmond.Contains(b.MunicipalityCode)).Sum(b => b.AmountCents);
        var spent = db.InvoiceLines.AsNoTracking().Where(l => ijmond.Contains(l.MunicipalityCode) && l.PeriodStart >= new DateOnly(2025, 1, 1)
            && l.PeriodStart <= new DateOnly(2025, 12, 31)).Sum(l => l.AmountCents);
        // The decision asked comes before everything else, then the money, then the options and the advice.
        Assert.True(memo.IndexOf("Gevraagd besluit", StringComparison.Ordinal) < memo.IndexOf("Financiën 2026", StringComparison.Ordinal));
        Assert.True(memo.IndexOf("Financiën 2026", StringComparison.Ordinal) < memo.IndexOf("Opties en advies", StringComparison.Ordinal));
        Assert.True(memo.IndexOf("Opties en advies", StringComparison.Ordinal) < memo.IndexOf("Mandaat", StringComparison.Ordinal));
        Assert.Contains("Bedrag van dit besluit € 350.000 per jaar", memo);
        Assert.Contains($"Budgettair kader van de raden 2025 (voor 2026 nog niet vastgesteld) {Verwerving.Text.Nl.Euro(frame)}", memo);
        Assert.Contains($"Uitgaven jeugdhulp 2025 (declaraties) {Verwerving.Text.Nl.Euro(spent)}", memo);
        Assert.Contains($"Ruimte na dit besluit {Verwerving.Text.Nl.Euro(frame - spent - 35_000_000)}", memo);
        Assert.Equal(frame - spent - 35_000_000 >= 0, memo.Contains("past binnen het budgettair kader", StringComparison.Ordinal));
        Assert.Contains("Advies van het kernteam: instemmen met optie 1", memo);
        Assert.Contains("IJmond Wethouder jeugd IJmond: nog niet besloten", memo);

        var joint = Text(Document("besluitnota", "PHO-2026-02").Html);
        Assert.Contains("Zuid-Kennemerland Wethouder jeugd Zuid-Kennemerland: nog niet besloten IJmond Wethouder jeugd IJmond: nog niet besloten", joint);
        Assert.Contains("Plafonds verhogen met de helft van de indexatie", joint);
    }

    [Fact]
    public void PhoMemo_ShowsProposal_MandateChain_AndBothAldermen()
    {
        var memo = Text(Document("besluitnota", "PHO-2026-02").Html);
        Assert.Contains("Besluitnota: Indexatie omzetplafonds strategische partners 2026", memo);
        Assert.Contains("verhogen de omzetplafonds 2026", memo);
        Assert.Contains("gezamenlijk besluit", memo);
        Assert.Matches("Voorstel indienen bij het kernteam.*Kernteam legt voor aan het PHO", memo);
        Assert.Contains("Wethouder jeugd IJmond, wethouder IJmond", memo);
        Assert.Contains("Wethouder jeugd Zuid-Kennemerland, wethouder Zuid-Kennemerland", memo);
        Assert.Contains("raadsinformatiebrief aan de raden van Beverwijk, Bloemendaal, Haarlem, Heemskerk, Heemstede, Velsen, Zandvoort", memo);

        var single = Text(Document("besluitnota", "PHO-2026-01").Html);
        Assert.Contains("binnen het mandaat van de wethouder van IJmond", single);
        Assert.DoesNotContain("Wethouder jeugd Zuid-Kennemerland", single);
    }

    [Fact]
    public void CouncilLetter_ForTheIndexation_NamesTheCouncilsAndApprovals()
    {
        var letter = Text(Document("raadsinformatiebrief", "PHO-2025-11").Html);
        Assert.Contains("Raadsinformatiebrief: Indexatie tarieven jeugdhulp 2026", letter);
        Assert.Contains("Aan de gemeenteraden van Beverwijk, Bloemendaal, Haarlem", letter);
        Assert.Contains("besloten op 11 november 2025", letter);
        Assert.Contains("Wethouder jeugd Zuid-Kennemerland (Zuid-Kennemerland, 10 november 2025)", letter);
    }

    [Fact]
    public void EvaluationReport_FiguresMatchTheData()
    {
        using var db = Open();
        var document = db.Documents.AsNoTracking().Where(d => d.TemplateId == "evaluatierapport").OrderBy(d => d.Id).ToList();
        Assert.Equal(2, document.Count);
        var agreement = db.Agreements.AsNoTracking().Include(a => a.Ceilings).Single(a => a.Reference == document[0].SubjectKey.Split('/')[0]);
        var provider = db.Providers.AsNoTracking().Single(p => p.Id == agreement.ProviderId);
        var refused = db.Referrals.AsNoTracking().Count(r => r.ProviderId == provider.Id && r.LotCode == agreement.LotCode
            && r.Outcome == ReferralOutcome.Refused && r.ReferredOn >= new DateOnly(2023, 1, 1) && r.ReferredOn <= new DateOnly(2025, 12, 31));
        var ceiling2024 = agreement.Ceilings.Single(c => c.Year == 2024).AmountCents;

        var draft = Text(document[0].Html);
        var final = Text(document[1].Html);
        Assert.Contains($"Evaluatie na 3 jaar: {provider.Name}", final);
        Assert.Contains("Geëvalueerde periode 1 januari 2023 t/m 31 december 2025", final);
        Assert.Contains($"Weigeringen van verwijzingen {refused} ten hoogste 0 {(refused == 0 ? "voldoet" : "voldoet niet")}", final);
        Assert.Contains($"2024 {Verwerving.Text.Nl.Euro(ceiling2024)}", final);
        Assert.Contains("De dialoog met de partner over dit rapport is nog niet gevoerd", draft);
        Assert.Contains("Dialoog gevoerd op 5 januari 2026. De partner herkent de wachttijden in 2025", final);
        Assert.Contains("Het kernteam stelt voor het partnerschap ongewijzigd voort te zetten", final);
        Assert.Equal(2, Regex.Matches(document[1].Html, "<svg ").Count);
    }

    [Fact]
    public void AwardLetter_And_Minutes_OfTheTender()
    {
        var letter = Text(Document("gunningsbeslissing", "ZKIJ-2022-01").Html);
        Assert.Contains("op 15 september 2022 besloten tot de voorgenomen gunning", letter);
        Assert.Contains("op 16 september 2022 aan alle inschrijvers verzonden", letter);
        Assert.Contains("bedraagt 20 kalenderdagen, gaat in op de dag na verzending en eindigt op 6 oktober 2022", letter);
        Assert.Contains("niet vóór 7 oktober 2022", letter);
        Assert.Contains("kwaliteit 60%", letter);
        Assert.Contains("Kennemer Jeugd & GGZ", letter);

        var minutes = Text(Document("dialoogronde-verslag", "ZKIJ-2022-01").Html);
        Assert.Contains("Verslag dialoogronde 3", minutes);
        Assert.Contains("Thema Bekostiging, plafonds en continuïteit", minutes);
        Assert.Contains("Jeugdigen en ouders namen niet deel", minutes);
        Assert.Contains("Datum 19 mei 2022", minutes);
    }

    [Fact]
    public void ProviderMonitor_SpendPerRegion_MatchesTheInvoices_AndHasCharts()
    {
        using var db = Open();
        var kjg = db.Providers.AsNoTracking().Single(p => p.AgbCode == "71000011");
        var ijmond = db.Municipalities.AsNoTracking().Where(m => m.RegionCode == "IJM").Select(m => m.CbsCode).ToList();
        var spent = db.InvoiceLines.AsNoTracking().Where(l => l.ProviderId == kjg.Id && ijmond.Contains(l.MunicipalityCode)
            && l.PeriodStart >= new DateOnly(2025, 1, 1) && l.PeriodStart <= new DateOnly(2025, 12, 31)).Sum(l => l.AmountCents);
        var monitor = Document("kwartaalmonitor", "71000011/2025-K4");
        var text = Text(monitor.Html);
        Assert.Contains("Kwartaalmonitor 2025 K4: Kennemer Jeugd & GGZ", text);
        Assert.Contains("accounthoudende regio Zuid-Kennemerland", text);
        Assert.Contains($"IJmond 2025 {Verwerving.Text.Nl.Euro(spent)}", text);
        Assert.Contains("Escalatie continuïteitsrisico:", text);
        Assert.Equal(4, Regex.Matches(monitor.Html, "<svg ").Count);

        var region = Text(Document("kwartaalmonitor", "ZK/2025-K4").Html);
        Assert.Contains("Kwartaalmonitor 2025 K4: Zuid-Kennemerland", region);
        Assert.Matches("clienttevredenheid [0-9,]+ [0-9,]+ gemiddelde van [0-9]+ aanbieders", region);
        var zk = db.Municipalities.AsNoTracking().Where(m => m.RegionCode == "ZK").Select(m => m.CbsCode).ToList();
        var frames = db.BudgetFrames.AsNoTracking().Where(b => b.Year == 2025 && zk.Contains(b.MunicipalityCode)).Sum(b => b.AmountCents);
        Assert.Contains($"2025 {Verwerving.Text.Nl.Euro(frames)}", region); // a region is held to its councils' budgets
    }

    [Fact]
    public void ContinuitySignal_GoesFromTheAccountHolderToTheOtherRegions()
    {
        using var db = Open();
        // The signal is rendered when the escalation starts, one per provider; the first provider's is read here.
        var document = db.Documents.AsNoTracking().Where(d => d.TemplateId == "continuiteitssignaal").OrderBy(d => d.SubjectKey).First();
        var provider = db.Providers.AsNoTracking().Single(p => p.AgbCode == document.SubjectKey);
        var text = Text(document.Html);
        Assert.Contains($"Signaal continuïteitsrisico: {provider.Name}", text);
        Assert.Contains("Accounthoudende regio Zuid-Kennemerland", text);
        var open = db.Findings.AsNoTracking().Count(f => f.Status == FindingStatus.Open && f.RuleSet == "continuiteit" && f.SubjectKey == provider.AgbCode);
        Assert.Equal(open, Regex.Matches(document.Html, "class=\"bevinding ").Count);
    }

    [Fact]
    public void EditedTemplate_ChangesTheNextDocument_WithoutRebuild()
    {
        var folder = Directory.CreateTempSubdirectory("verwerving-sjablonen-").FullName;
        try
        {
            foreach (var f in Directory.GetFiles(TemplateLibrary.DefaultFolder())) File.Copy(f, Path.Combine(folder, Path.GetFileName(f)));
            var file = Path.Combine(folder, "kwartaalmonitor.sbn-html");
            File.WriteAllText(file, File.ReadAllText(file).Replace("versie: 2", "versie: 3", StringComparison.Ordinal)
                .Replace("<h2>Wachttijden</h2>", "<h2>Wachttijden volgens de Treeknormen</h2>", StringComparison.Ordinal));
            var db = demo.Copy();
            var (code, output, error) = Tests.Cli.CliTests.Run("documents", "render", "kwartaalmonitor", "--subject", "IJM", "--quarter", "2025-3", "--templates", folder, "--db", db, "--json");
            Assert.True(code == ExitCodes.Ok, output + error);
            var id = (long)JsonNode.Parse(output)!["id"]!;
            using var open = DatabaseOptions.Sqlite(db).OpenMigrated();
            var document = open.Documents.AsNoTracking().Single(d => d.Id == id);
            Assert.Equal((3, "IJM/2025-K3"), (document.TemplateVersion, document.SubjectKey));
            Assert.Contains("Wachttijden volgens de Treeknormen", document.Html);
            Assert.Contains("t/m 30 september 2025", Text(document.Html));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, true);
        }
    }

    [Fact]
    public void EvaluationReport_PrintsToPdf_WhosePagesShowTheCharts()
    {
        Assert.True(Pdf.FindChromium() is not null, "Chromium ontbreekt: scripts/test installeert het Debian-pakket chromium.");
        var folder = Directory.CreateTempSubdirectory("verwerving-pdf-test-").FullName;
        try
        {
            long id;
            using (var db = Open()) id = db.Documents.AsNoTracking().Where(d => d.TemplateId == "evaluatierapport").Max(d => d.Id);
            var pdf = Path.Combine(folder, "evaluatie.pdf");
            var (code, output, error) = Tests.Cli.CliTests.Run("documents", "show", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--pdf", "--out", pdf, "--db", demo.Template);
            Assert.True(code == ExitCodes.Ok, output + error);
            Assert.StartsWith("%PDF", File.ReadAllText(pdf)[..4]);

            var pages = Ppm.Pages(pdf, Path.Combine(folder, "pagina"));
            Assert.True(pages.Count >= 2, $"{pages.Count} pagina's");
            // The budget chart on page 1 draws its 'omzet' bars in the second series colour; only charts use it in bulk.
            var orange = pages[0].Count(0xe0, 0x8a, 0x1e);
            Assert.True(orange > 800, $"{orange} pixels in de kleur van de omzetstaven op pagina 1");
            var blue = pages[0].Count(0x1f, 0x5f, 0xa8);
            Assert.True(blue > 800, $"{blue} pixels in de kleur van de plafondstaven op pagina 1");
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Fact]
    public void BadDocumentArguments_AreBadInput_WithoutATrace()
    {
        var empty = Tests.Cli.CliTests.Run("documents", "show", "1", "--out", "", "--db", demo.Template);
        Assert.Equal((ExitCodes.BadInput, true), (empty.Code, empty.Err.Contains("--out vraagt een bestandsnaam", StringComparison.Ordinal)));
        var outside = Tests.Cli.CliTests.Run("documents", "render", "../../x", "--subject", "ZK", "--db", demo.Copy());
        Assert.Equal((ExitCodes.BadInput, true), (outside.Code, outside.Err.Contains("zonder map", StringComparison.Ordinal)));
        var year = Tests.Cli.CliTests.Run("documents", "render", "kwartaalmonitor", "--subject", "ZK", "--quarter", "99999-1", "--db", demo.Copy());
        Assert.Equal((ExitCodes.BadInput, true), (year.Code, year.Err.Contains("valt buiten het bereik", StringComparison.Ordinal)));
        Assert.DoesNotContain(" at ", empty.Err + outside.Err + year.Err);
    }

    [Fact]
    public void Printing_RunsNoScript_AndNotAsRoot()
    {
        Assert.True(Pdf.FindChromium() is not null, "Chromium ontbreekt: scripts/test installeert het Debian-pakket chromium.");
        var folder = Directory.CreateTempSubdirectory("verwerving-pdf-js-").FullName;
        try
        {
            var pdf = Path.Combine(folder, "proef.pdf");
            Pdf.Print("<!doctype html><html><head><title>x</title></head><body><p id=\"a\">Alleen de tekst van het document.</p>"
                + "<script>document.getElementById('a').textContent = 'Er draaide een script.';</script></body></html>", pdf);
            var text = string.Concat(PdfText.Pages(pdf));
            Assert.Contains("Alleen de tekst van het document.", text);
            Assert.DoesNotContain("Er draaide een script", text);
            var start = Pdf.Start("/usr/bin/chromium", folder, Path.Combine(folder, "x.html"));
            if (Environment.UserName == "root") Assert.Equal(("/usr/sbin/runuser", "nobody"), (start.FileName, start.ArgumentList[1]));
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Fact]
    public void MemoMonitorAndEvaluation_PrintWithContentOnEveryPage()
    {
        Assert.True(Pdf.FindChromium() is not null, "Chromium ontbreekt: scripts/test installeert het Debian-pakket chromium.");
        var folder = Directory.CreateTempSubdirectory("verwerving-pdf-pagina-").FullName;
        try
        {
            List<(string Template, long Id)> documents;
            using (var db = Open())
                documents = db.Documents.AsNoTracking().Where(d => d.TemplateId == "besluitnota" || d.TemplateId == "kwartaalmonitor" || d.TemplateId == "evaluatierapport")
                    .GroupBy(d => d.TemplateId).Select(g => new { g.Key, Id = g.Max(d => d.Id) }).ToList().Select(d => (d.Key, d.Id)).ToList();
            Assert.Equal(3, documents.Count);
            foreach (var (template, id) in documents)
            {
                var pdf = Path.Combine(folder, template + ".pdf");
                var (code, output, error) = Tests.Cli.CliTests.Run("documents", "show", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--pdf", "--out", pdf, "--db", demo.Template);
                Assert.True(code == ExitCodes.Ok, output + error);
                var pages = PdfText.Pages(pdf);
                Assert.NotEmpty(pages);
                for (var i = 0; i < pages.Count; i++)
                    Assert.True(pages[i].Count(char.IsLetterOrDigit) > 40, $"{template}: pagina {i + 1} van {pages.Count} is (bijna) leeg: '{pages[i].Trim()}'");
            }
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Fact]
    public async Task OcdsExport_OfTheDemoTender_ValidatesAgainstTheReleaseSchema()
    {
        var file = Path.Combine(Path.GetTempPath(), $"ocds-{Guid.NewGuid():N}.json");
        try
        {
            var (code, output, error) = Tests.Cli.CliTests.Run("export", "ocds", "--tender", "ZKIJ-2022-01", "--out", file, "--db", demo.Template);
            Assert.True(code == ExitCodes.Ok, output + error);
            var json = File.ReadAllText(file);
            var package = JsonNode.Parse(json)!;
            var release = package["releases"]![0]!;

            var schema = await NJsonSchema.JsonSchema.FromFileAsync(Path.Combine(Installation.Folder("tests"), "Verwerving.Tests", "Documents", "ocds", "release-schema.json"));
            var errors = schema.Validate(release.ToJsonString());
            Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e => $"{e.Path}: {e.Kind}")));

            using var db = Open();
            var tender = db.Tenders.AsNoTracking().Include(t => t.Lots).Single(t => t.Reference == "ZKIJ-2022-01");
            var agreements = db.Agreements.AsNoTracking().Count(a => a.TenderId == tender.Id);
            Assert.Equal("selective", (string?)release["tender"]!["procurementMethod"]);
            Assert.Contains("Dialooggerichte", (string?)release["tender"]!["procurementMethodDetails"]);
            Assert.Equal(tender.Lots.Count, release["tender"]!["lots"]!.AsArray().Count);
            Assert.Equal(agreements, release["awards"]!.AsArray().Count);
            var contracts = release["contracts"]!.AsArray();
            Assert.Equal(agreements, contracts.Count);
            var milestones = contracts.SelectMany(c => c!["milestones"]!.AsArray()).ToList();
            Assert.Equal(2 * agreements, milestones.Count(m => (string?)m!["type"] == "assessment"));
            Assert.Contains(milestones, m => (string?)m!["title"] == "Evaluatie na 3 jaar" && (string?)m["dueDate"] == "2026-01-01T00:00:00Z");
            Assert.Equal(2 * agreements, milestones.Count(m => (string?)m!["type"] == "approval")); // both aldermen approved the award

            // No personal data: no user names or logins, no client pseudonyms.
            foreach (var user in db.Users.AsNoTracking().ToList())
            {
                Assert.DoesNotContain(user.Login, json);
                Assert.DoesNotContain(user.DisplayName, json);
            }
            Assert.DoesNotContain(db.Referrals.AsNoTracking().Select(r => r.ClientPseudonym).First(), json);
        }
        finally
        {
            File.Delete(file);
        }
    }
}

/// <summary>The OCDS export follows an evaluation to its decision: the aldermen's approvals become contract milestones.</summary>
public class OcdsEvaluationTests(DemoDatabaseFixture demo) : IClassFixture<DemoDatabaseFixture>
{
    [Fact]
    public void DecidedEvaluation_BecomesAMetMilestone_WithBothApprovals()
    {
        var db = demo.Copy();
        long id;
        string subject;
        using (var open = DatabaseOptions.Sqlite(db).OpenMigrated())
        {
            var evaluation = open.Set<Verwerving.Workflows.WorkflowInstance>().AsNoTracking().Single(i => i.DefinitionId == "evaluatie" && i.State == "pho-besluit");
            (id, subject) = (evaluation.Id, evaluation.SubjectKey);
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var number = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (trigger, user) in new[] { ("besluiten", "wethouder.zk"), ("besluiten", "wethouder.ijmond"), ("raden-geinformeerd", "contractmanager") })
            Assert.Equal(ExitCodes.Ok, Tests.Cli.CliTests.Run("instances", "fire", number, trigger, "--as", user, "--db", db).Code);

        var file = Path.Combine(Path.GetTempPath(), $"ocds-{Guid.NewGuid():N}.json");
        try
        {
            Assert.Equal(ExitCodes.Ok, Tests.Cli.CliTests.Run("export", "ocds", "--tender", "ZKIJ-2022-01", "--out", file, "--db", db).Code);
            var milestones = JsonNode.Parse(File.ReadAllText(file))!["releases"]![0]!["contracts"]!.AsArray()
                .Single(c => (string?)c!["id"] == subject.Split('/')[0])!["milestones"]!.AsArray();
            var milestoneId = subject.Split('/')[0] + "-evaluatie-na-3-jaar";
            var evaluation = milestones.Single(m => (string?)m!["id"] == milestoneId)!;
            Assert.Equal(("met", "Besluit: Voortzetten zonder wijziging."), ((string?)evaluation["status"], (string?)evaluation["description"]));
            Assert.Equal(["IJmond", "Zuid-Kennemerland"], milestones.Where(m => ((string?)m!["id"])!.StartsWith(milestoneId + "-instemming-", StringComparison.Ordinal))
                .Select(m => ((string?)m!["title"])!.Split(' ')[2]).Order().ToList());
        }
        finally
        {
            File.Delete(file);
        }
    }
}

/// <summary>The text of each page of a PDF, read with pdftotext (poppler-utils), as a reader would see it.</summary>
internal static class PdfText
{
    public static List<string> Pages(string pdf)
    {
        var start = new System.Diagnostics.ProcessStartInfo("pdftotext") { ArgumentList = { "-layout", pdf, "-" }, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = System.Diagnostics.Process.Start(start)!;
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, "pdftotext: " + process.StandardError.ReadToEnd());
        // pdftotext ends every page with a form feed.
        return text.Split('\f').SkipLast(1).ToList();
    }
}

/// <summary>Pages of a PDF as raw RGB images (pdftoppm's PPM output), to look at what a reader would see.</summary>
internal sealed class Ppm(int width, int height, byte[] pixels)
{
    public static List<Ppm> Pages(string pdf, string prefix)
    {
        var start = new System.Diagnostics.ProcessStartInfo("pdftoppm") { ArgumentList = { "-r", "50", pdf, prefix }, RedirectStandardError = true };
        using (var process = System.Diagnostics.Process.Start(start)!)
        {
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, "pdftoppm: " + process.StandardError.ReadToEnd());
        }
        return Directory.GetFiles(Path.GetDirectoryName(prefix)!, Path.GetFileName(prefix) + "*.ppm").Order(StringComparer.Ordinal).Select(Read).ToList();
    }

    private static Ppm Read(string file)
    {
        var bytes = File.ReadAllBytes(file);
        var fields = new List<string>();
        var at = 0;
        while (fields.Count < 4)
        {
            while (char.IsWhiteSpace((char)bytes[at])) at++;
            var begin = at;
            while (!char.IsWhiteSpace((char)bytes[at])) at++;
            fields.Add(Encoding.ASCII.GetString(bytes, begin, at - begin));
        }
        Assert.Equal("P6", fields[0]);
        return new Ppm(int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture), int.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture), bytes[(at + 1)..]);
    }

    /// <summary>Pixels within a small distance of the colour (anti-aliasing and colour management shift it slightly).</summary>
    public int Count(int r, int g, int b)
    {
        var count = 0;
        for (var i = 0; i + 2 < Math.Min(pixels.Length, width * height * 3); i += 3)
            if (Math.Abs(pixels[i] - r) < 24 && Math.Abs(pixels[i + 1] - g) < 24 && Math.Abs(pixels[i + 2] - b) < 24) count++;
        return count;
    }
}
