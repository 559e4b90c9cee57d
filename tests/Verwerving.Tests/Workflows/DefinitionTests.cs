using Verwerving.Domain;
using Verwerving.Workflows;

namespace Verwerving.Tests.Workflows;

public sealed class DefinitionTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "verwerving-defs", Guid.NewGuid().ToString("N"));

    public DefinitionTests()
    {
        Directory.CreateDirectory(_folder);
        foreach (var f in Directory.GetFiles(WorkflowHarness.RepositoryWorkflows, "*.yaml")) File.Copy(f, Path.Combine(_folder, Path.GetFileName(f)));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void ShippedDefinitions_AllLoad()
    {
        var catalog = new DefinitionCatalog(WorkflowHarness.RepositoryWorkflows);
        Assert.Equal(["bestuurlijk-besluit", "continuiteitsrisico", "dialooggerichte-aanbesteding", "evaluatie", "strategisch-partnerschap"], catalog.Ids);
        Assert.All(catalog.All(), d => Assert.True(d.States.Count(s => s.Final) >= 1));
    }

    [Fact]
    public void DefinitionWithErrors_ListsEveryErrorWithLineAndField()
    {
        const string yaml = """
            id: kapot
            version: 1
            data:
              teller: 0
            states:
              - id: begin
                initial: true
              - id: midden
              - id: eiland
              - id: eind
                final: true
            triggers:
              - id: verder
                from: begin
                to: nergens
                roles: [contractmanager]
              - id: naar-midden
                from: begin
                to: midden
                roles: [koning]
                guards:
                  - ruleset: fantasie
                    message: nooit
                  - condition: onbekend >= 3
                    message: nooit
              - id: klaar
                from: eind
                to: begin
                roles: [contractmanager]
            """;
        var ex = Assert.Throws<DefinitionException>(() => DefinitionLoader.Default(_ => true).Load(yaml, "kapot.yaml"));
        string Find(string text) => Assert.Single(ex.Errors, e => e.ToString().Contains(text, StringComparison.Ordinal)).ToString();
        Assert.StartsWith("kapot.yaml:15: triggers.verder.to", Find("onbekende status 'nergens'"));
        Assert.StartsWith("kapot.yaml:20: triggers.naar-midden.roles", Find("onbekende rol 'koning'"));
        Assert.StartsWith("kapot.yaml:22: triggers.naar-midden.guards.ruleset", Find("onbekende regelset 'fantasie'"));
        Assert.StartsWith("kapot.yaml:24: triggers.naar-midden.guards.condition", Find("'onbekend' is geen veld"));
        Assert.StartsWith("kapot.yaml:9: states.eiland", Find("states.eiland: onbereikbaar"));
        Assert.StartsWith("kapot.yaml:8: states.midden", Find("states.midden: deze status is geen eindtoestand"));
        Assert.Contains(ex.Errors, e => e.Message.Contains("'eind' is een eindtoestand", StringComparison.Ordinal));
        Assert.True(ex.Errors.Count >= 7, string.Join("\n", ex.Errors));
    }

    [Fact]
    public void MalformedYaml_NamesTheLine()
    {
        var ex = Assert.Throws<DefinitionException>(() => DefinitionLoader.Default(_ => true).Load("id: x\nstates: [\n  - a", "x.yaml"));
        Assert.Equal("x.yaml", ex.Errors.Single().File);
        Assert.True(ex.Errors.Single().Line >= 2);
    }

    [Fact]
    public void FourDialogueRounds_ChangeBehaviour_WithoutRebuild()
    {
        var file = Path.Combine(_folder, "dialooggerichte-aanbesteding.yaml");
        File.WriteAllText(file, File.ReadAllText(file).Replace("dialoogrondes: 3", "dialoogrondes: 4", StringComparison.Ordinal));
        using var h = new WorkflowHarness("sqlite", new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc), _folder);
        var id = ToDialogue(h);
        for (var i = 0; i < 3; i++) h.Fire(id, "ronde-afronden", "contractmanager", ("thema", $"Thema {i}"), ("jeugdigen-en-ouders", "ja"));
        var refused = h.Refused(id, "dialoog-afsluiten", "contractmanager");
        Assert.Contains("Eerst 4 dialoogrondes", refused.Reasons.Single());
        h.Fire(id, "ronde-afronden", "contractmanager", ("thema", "Thema 4"), ("jeugdigen-en-ouders", "ja"));
        h.Fire(id, "dialoog-afsluiten", "contractmanager");
        Assert.Equal("inschrijving", h.Show(id).State);
    }

    [Fact]
    public void RunningInstance_StaysOnItsVersion()
    {
        var file = Path.Combine(_folder, "dialooggerichte-aanbesteding.yaml");
        using var h = new WorkflowHarness("sqlite", new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc), _folder);
        var old = ToDialogue(h);

        File.WriteAllText(file, File.ReadAllText(file).Replace("dialoogrondes: 3", "dialoogrondes: 2", StringComparison.Ordinal));
        var unversioned = Assert.Throws<InputException>(() => h.Start("dialooggerichte-aanbesteding", h.Tender("T-2")));
        Assert.Contains("verhoog 'version'", unversioned.Message);

        File.WriteAllText(file, File.ReadAllText(file).Replace("version: 4", "version: 5", StringComparison.Ordinal));
        var fresh = ToDialogue(h, "T-3");
        Assert.Equal((4, 5), (h.Show(old).DefinitionVersion, h.Show(fresh).DefinitionVersion));
        for (var i = 0; i < 2; i++)
            foreach (var id in new[] { old, fresh }) h.Fire(id, "ronde-afronden", "contractmanager", ("thema", "x"), ("jeugdigen-en-ouders", "ja"));
        h.Fire(fresh, "dialoog-afsluiten", "contractmanager");
        Assert.Contains("Eerst 3 dialoogrondes", h.Refused(old, "dialoog-afsluiten", "contractmanager").Reasons.Single());
    }

    /// <summary>
    /// A region copies the tender definition under its own id and renames its states: the guards still hold, because the
    /// runtime and the rules find the tender through the definition's subject and its operations, not through ids.
    /// </summary>
    [Fact]
    public void RenamedCopyOfTheTender_KeepsEveryGuard()
    {
        var yaml = File.ReadAllText(Path.Combine(_folder, "dialooggerichte-aanbesteding.yaml")).Replace("id: dialooggerichte-aanbesteding", "id: regio-inkoop", StringComparison.Ordinal);
        foreach (var (state, renamed) in new[] { ("voorbereiding", "kaderfase"), ("selectie", "gegadigden-kiezen"), ("dialoog", "gesprekken"),
                     ("standstill", "opschorting"), ("te-gunnen", "wacht-op-gunning"), ("gegund", "toegekend") })
            yaml = System.Text.RegularExpressions.Regex.Replace(yaml, $@"(?<![\w-]){state}(?![\w-])", renamed);
        File.Delete(Path.Combine(_folder, "dialooggerichte-aanbesteding.yaml"));
        File.WriteAllText(Path.Combine(_folder, "regio-inkoop.yaml"), yaml);
        using var h = new WorkflowHarness("sqlite", new DateTime(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc), _folder);
        var id = h.Start("regio-inkoop", h.Tender("R-1"));
        Assert.Equal("kaderfase", h.Show(id).State);
        Assert.Contains("0 van de 7 raden", h.Refused(id, "aankondigen", "contractmanager").Reasons.Single());
        foreach (var council in new[] { "0377", "0392", "0397", "0473", "0375", "0396", "0453" })
            h.Fire(id, "kader-vastgesteld", "contractmanager", ("gemeente", council));
        h.Fire(id, "aankondigen", "contractmanager");
        h.Fire(id, "selectie-openen", "contractmanager");
        foreach (var p in new[] { "71000088", "71000011" }) h.Fire(id, "kandidaat-toelaten", "contractmanager", ("aanbieder", p));
        // The procurement rule set still guards the dialogue (art. 2.32) ...
        Assert.Contains("ten minste 3 nodig", h.Refused(id, "dialoog-starten", "contractmanager").Reasons.Single());
        h.Fire(id, "kandidaat-toelaten", "contractmanager", ("aanbieder", "71000022"));
        h.Fire(id, "dialoog-starten", "contractmanager");
        Assert.Equal("gesprekken", h.Show(id).State);
        for (var i = 1; i <= 3; i++) h.Fire(id, "ronde-afronden", "contractmanager", ("thema", $"Thema {i}"), ("jeugdigen-en-ouders", "ja"));
        h.Fire(id, "dialoog-afsluiten", "contractmanager");
        Assert.Contains("nam niet deel aan de dialoog", h.Refused(id, "inschrijving-ontvangen", "contractmanager", ("aanbieder", "71000099"), ("bedrag", "1.000.000")).Reasons.Single());
        h.Fire(id, "inschrijving-ontvangen", "contractmanager", ("aanbieder", "71000088"), ("bedrag", "4.000.000"));
        h.Fire(id, "inschrijving-sluiten", "contractmanager");
        h.Fire(id, "inschrijving-beoordelen", "kernteam", ("aanbieder", "71000088"), ("scores", "kwaliteit=8,prijs=7,samenwerking=7"));
        h.Fire(id, "beoordeling-afronden", "kernteam");
        h.Fire(id, "gunning-voornemen-besluiten", "wethouder.zk");
        h.Fire(id, "gunning-voornemen-besluiten", "wethouder.ijmond");
        h.Fire(id, "gunningsbeslissing-verzonden", "contractmanager");
        h.Advance("20d");
        // ... and the standstill (art. 2.127): day 20 after sending is refused, day 21 is allowed.
        Assert.Contains("dag 20 na verzending", h.Refused(id, "gunnen", "contractmanager", ("ingangsdatum", "2027-01-01")).Reasons.Single());
        h.Advance("1d");
        Assert.Equal("wacht-op-gunning", h.Show(id).State);
        h.Fire(id, "gunnen", "contractmanager", ("ingangsdatum", "2027-01-01"));
        Assert.Equal(TenderPhase.Awarded, h.TenderRecord("R-1").Phase);
        Assert.Single(h.AgreementsOf("R-1"));
    }

    [Fact]
    public void Operations_AreCheckedAgainstTheRegistry_WithFileLineAndField()
    {
        const string yaml = """
            id: fout
            version: 1
            subject: aanbesteding
            states:
              - id: begin
                initial: true
              - id: eind
                final: true
            triggers:
              - id: toelaten
                from: begin
                internal: true
                roles: [contractmanager]
                operation: tender.admit-candidate
                parameters:
                  - { name: aanbieder, type: text }
              - id: onbekend
                from: begin
                to: eind
                roles: [contractmanager]
                operation: tender.bestaat-niet
              - id: besluit
                from: begin
                to: eind
                roles: [controller]
                operation: decision.approve
            """;
        var errors = Assert.Throws<DefinitionException>(() => DefinitionLoader.Default(_ => true).Load(yaml, "fout.yaml")).Errors;
        Assert.Contains(errors, e => e.Field == "triggers.toelaten.parameters.aanbieder" && e.Message.Contains("als provider, niet als text") && e.Line == 16);
        Assert.Contains(errors, e => e.Field == "triggers.onbekend.operation" && e.Message.Contains("onbekende operatie 'tender.bestaat-niet'") && e.Line == 21);
        Assert.Contains(errors, e => e.Field == "triggers.besluit.operation" && e.Message.Contains("werkt op een besluit"));
        Assert.Contains(errors, e => e.Field == "triggers.besluit.roles" && e.Message.Contains("kijkt alleen mee"));
    }

    [Fact]
    public void Graph_IsMermaidWithEveryState()
    {
        var definition = new DefinitionCatalog(WorkflowHarness.RepositoryWorkflows).Current("dialooggerichte-aanbesteding");
        var mermaid = WorkflowGraph.Mermaid(definition);
        Assert.StartsWith("stateDiagram-v2", mermaid.TrimStart());
        Assert.All(definition.States.Where(s => !s.Final || s.Id == "ondertekend"), s => Assert.Contains(s.Id, mermaid));
        Assert.Contains("subject.rondes >= dialoogrondes", mermaid);
        Assert.Contains("aanbesteding", mermaid);
    }

    private static long ToDialogue(WorkflowHarness h, string subject = "T-1")
    {
        var id = h.Start("dialooggerichte-aanbesteding", h.Tender(subject));
        foreach (var council in new[] { "0377", "0392", "0397", "0473", "0375", "0396", "0453" })
            h.Fire(id, "kader-vastgesteld", "contractmanager", ("gemeente", council));
        h.Fire(id, "aankondigen", "contractmanager");
        h.Fire(id, "selectie-openen", "contractmanager");
        foreach (var p in new[] { "71000011", "71000022", "71000033" }) h.Fire(id, "kandidaat-toelaten", "contractmanager", ("aanbieder", p));
        h.Fire(id, "dialoog-starten", "contractmanager");
        return id;
    }
}
