using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Verwerving.Domain;
using Verwerving.Workflows;

namespace Verwerving.Tests.Workflows;

/// <summary>The domain stories end to end, on the simulated clock and a real database (SQLite and PostgreSQL).</summary>
public abstract class WorkflowScenarioTests(string provider)
{
    private static readonly DateTime Jan2026 = new(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc);
    private static readonly string[] Councils = ["0377", "0392", "0397", "0473", "0375", "0396", "0453"];

    [Fact]
    public void Tender_FromPreparationToSignedAgreements()
    {
        using var h = new WorkflowHarness(provider, Jan2026);
        var id = h.Start("dialooggerichte-aanbesteding", "ZKIJ-2026-01");

        var early = h.Refused(id, "aankondigen", "contractmanager");
        Assert.Contains("7 raden", early.Message);
        foreach (var council in Councils) h.Fire(id, "kader-vastgesteld", "contractmanager", ("gemeente", council));
        h.Fire(id, "aankondigen", "contractmanager");
        h.Fire(id, "selectie-openen", "contractmanager");
        h.Fire(id, "kandidaat-toelaten", "contractmanager", ("aanbieder", "71000011"));
        h.Fire(id, "kandidaat-toelaten", "contractmanager", ("aanbieder", "71000022"));

        var tooFew = h.Refused(id, "dialoog-starten", "contractmanager");
        // The minimum is a norm judged by the procurement rule set (Aanbestedingswet 2012 art. 2.32).
        Assert.Contains("De dialoog kan nog niet starten", tooFew.Reasons.Single());
        Assert.Contains("heeft 2 toegelaten gegadigden; voor de dialoog zijn er ten minste 3 nodig", tooFew.Reasons.Single());
        Assert.Equal("selectie", h.Show(id).State);

        h.Fire(id, "kandidaat-toelaten", "contractmanager", ("aanbieder", "71000033"));
        h.Fire(id, "dialoog-starten", "contractmanager");
        var noYouth = h.Refused(id, "ronde-afronden", "contractmanager", ("thema", "Wachtlijsten"), ("jeugdigen-en-ouders", "false"));
        Assert.Contains("Jeugdigen en ouders", noYouth.Reasons.Single());
        foreach (var theme in new[] { "Wachtlijsten", "Acceptatieplicht", "Bekostiging" })
        {
            h.Advance("14d");
            // "ja" is how a contract manager types it on the command line; the minutes read it the same as "true".
            h.Fire(id, "ronde-afronden", "contractmanager", ("thema", theme), ("jeugdigen-en-ouders", theme == "Bekostiging" ? "ja" : "true"));
        }
        // Each round's minutes are rendered and stored with the instance.
        var minutes = h.DocumentsOf(id).Where(d => d.TemplateId == "dialoogronde-verslag").ToList();
        Assert.Equal(3, minutes.Count);
        Assert.Contains("Verslag dialoogronde 3", minutes[2].Html);
        Assert.Contains("Bekostiging", minutes[2].Html);
        Assert.Contains("Acceptatieplicht", minutes[1].Html);
        Assert.All(minutes, m => Assert.Contains("namen deel", m.Html));
        h.Fire(id, "dialoog-afsluiten", "contractmanager");
        h.Fire(id, "inschrijving-ontvangen", "contractmanager", ("aanbieder", "71000011"));
        h.Fire(id, "inschrijving-sluiten", "contractmanager");
        h.Fire(id, "beoordeling-afronden", "kernteam");

        // The PHO decides: the core team cannot, and it takes both aldermen.
        Assert.Contains(h.Refused(id, "gunning-voornemen-besluiten", "kernteam").Reasons, r => r.Contains("PHO", StringComparison.Ordinal));
        h.Fire(id, "gunning-voornemen-besluiten", "wethouder.zk");
        Assert.Equal("voorgenomen-gunning", h.Show(id).State);
        h.Fire(id, "gunning-voornemen-besluiten", "wethouder.ijmond");
        Assert.Equal("standstill", h.Show(id).State);
        // The award letter names the day the standstill ends: 20 calendar days after the decision (5 Jan + 3 × 14 d = 16 Feb, + 20 d = 8 Mar).
        var letter = Assert.Single(h.DocumentsOf(id), d => d.TemplateId == "gunningsbeslissing");
        Assert.Matches(@"eindigt op\s+8 maart 2026", letter.Html);
        Assert.Contains("20 kalenderdagen", letter.Html);
        Assert.Contains("71000011", letter.Html);

        h.Advance("19d");
        var tooSoon = h.Refused(id, "gunnen", "contractmanager");
        Assert.Contains("gunnen op", tooSoon.Reasons.Single());
        Assert.Contains("is na 19 dagen, de standstilltermijn is 20 kalenderdagen", tooSoon.Reasons.Single());
        Assert.Equal("nee", h.Show(id).Data["standstillVerstreken"]);

        var fired = h.Advance("1d");
        Assert.Contains(fired, f => f.Trigger == "standstill-verstreken");
        Assert.Equal("ja", h.Show(id).Data["standstillVerstreken"]);
        h.Fire(id, "gunnen", "contractmanager");
        Assert.Throws<RefusedException>(() => h.Fire(id, "intrekken", "contractmanager", ("reden", "te laat")));
        h.Fire(id, "ondertekenen", "contractmanager");

        var done = h.Show(id);
        Assert.Equal(("ondertekend", true), (done.State, done.Completed));
        Assert.Equal("3", done.Data["rondes"]);
        Assert.True(h.AuditChainIntact());
        Assert.Contains(done.History, e => e.Action == "workflow.transitie" && e.Details.Contains("\"naar\":\"ondertekend\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Partnership_NineYears_EvaluatedByTimerAfterThreeAndSix()
    {
        using var h = new WorkflowHarness(provider, new DateTime(2023, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var id = h.Start("strategisch-partnerschap", "SO-0011-AMB-OV", data: new() { ["ingangsdatum"] = "2023-01-01" });

        h.Advance("3y");
        var first = Child(h, id, "SO-0011-AMB-OV/evaluatie-3j");
        // A date timer falls due as the day starts in the Netherlands.
        Assert.Equal(WorkCalendar.StartOf(new DateOnly(2026, 1, 1)), first.StartedAt);
        Assert.Equal("evaluatie-1", h.Show(id).State);
        Evaluate(h, first.Id, "voortzetten");
        Assert.Equal("looptijd-2", h.Show(id).State);

        h.Advance("3y");
        var second = Child(h, id, "SO-0011-AMB-OV/evaluatie-6j");
        Assert.Equal(WorkCalendar.StartOf(new DateOnly(2029, 1, 1)), second.StartedAt);
        Evaluate(h, second.Id, "bijstellen");
        Assert.Equal(("looptijd-3", "1"), (h.Show(id).State, h.Show(id).Data["bijstellingen"]));

        h.Advance("3y");
        var end = h.Show(id);
        Assert.Equal(("afgelopen", true), (end.State, end.Completed));
        Assert.Empty(end.Timers);

        // Administrative meetings three times a year (001 §8.1), through the evaluations.
        var meetings = end.History.Where(e => e.Details.Contains("\"trigger\":\"bestuurlijk-overleg\"", StringComparison.Ordinal))
            .GroupBy(e => e.At.Year).ToDictionary(g => g.Key, g => g.Count());
        for (var year = 2024; year <= 2031; year++) Assert.Equal(3, meetings.GetValueOrDefault(year));
        Assert.True(h.AuditChainIntact());
    }

    private static WorkflowInstance Child(WorkflowHarness h, long parent, string subject)
    {
        using var db = h.Open();
        return db.Set<WorkflowInstance>().AsNoTracking().Single(i => i.ParentId == parent && i.SubjectKey == subject);
    }

    private static void Evaluate(WorkflowHarness h, long evaluation, string decision)
    {
        h.Fire(evaluation, "cijfers-compleet", "controller");
        h.Fire(evaluation, "toetsing-afgerond", "contractmanager");
        h.Fire(evaluation, "rapport-vastgesteld", "contractmanager");
        h.Fire(evaluation, "dialoog-gevoerd", "contractmanager", ("reactie-partner", "Akkoord met de bevindingen"));
        h.Fire(evaluation, "voorstellen", "kernteam", ("besluit", decision));
        h.Fire(evaluation, "besluiten", "wethouder.zk");
        h.Fire(evaluation, "besluiten", "wethouder.ijmond");
        h.Fire(evaluation, "raden-geinformeerd", "contractmanager");
        Assert.True(h.Show(evaluation).Completed);
        // The report is rendered twice: as a draft, and for the PHO with the partner's response and the proposal.
        var reports = h.DocumentsOf(evaluation).Where(d => d.TemplateId == "evaluatierapport").ToList();
        Assert.Equal(2, reports.Count);
        Assert.Contains("nog niet gevoerd", reports[0].Html);
        Assert.Contains("Akkoord met de bevindingen", reports[1].Html);
        Assert.Contains(decision == "bijstellen" ? "bijgestelde afspraken" : "voort te zetten", reports[1].Html);
    }

    [Fact]
    public void JointDecision_WaitsForTheSecondAlderman_AndMandatesHold()
    {
        using var h = new WorkflowHarness(provider, Jan2026);
        var joint = h.Start("bestuurlijk-besluit", "PHO-2026-02");
        h.Fire(joint, "indienen", "contractmanager");
        h.Fire(joint, "voorstellen", "kernteam");

        var ijInbox = h.Run(r => r.Inbox(r.RequireUser("wethouder.ijmond")));
        var task = Assert.Single(ijInbox);
        Assert.Equal("PHO-2026-02", task.Subject);
        var first = h.Run(r => r.CompleteTask(task.Id, "approve", r.RequireUser("wethouder.ijmond"), null, null));
        Assert.False(first.Transitioned);
        Assert.Contains("wacht op de wethouder van ZK", first.Message);
        Assert.Empty(h.Run(r => r.Inbox(r.RequireUser("wethouder.ijmond"))));
        Assert.Single(h.Run(r => r.Inbox(r.RequireUser("wethouder.zk"))));
        Assert.Equal("pho", h.Show(joint).State);
        h.Run(r => r.CompleteTask(task.Id, "approve", r.RequireUser("wethouder.zk"), null, null));
        Assert.Equal("besloten", h.Show(joint).State);
        Assert.Empty(h.Run(r => r.Inbox(r.RequireUser("wethouder.zk"))));
        // The PHO memo was rendered when the proposal reached the PHO, with the core team's step in its mandate chain;
        // this decision leaves the councils' position alone, so no council letter.
        var memo = Assert.Single(h.DocumentsOf(joint));
        Assert.Equal("besluitnota", memo.TemplateId);
        Assert.Contains("Kernteam legt voor aan het PHO", memo.Html);
        Assert.Contains("gezamenlijk besluit", memo.Html);

        var zkOnly = h.Start("bestuurlijk-besluit", "PHO-2026-03", data: new() { ["regios"] = "ZK", ["raadspositie"] = "true" });
        h.Fire(zkOnly, "indienen", "contractmanager");
        h.Fire(zkOnly, "voorstellen", "kernteam");
        Assert.Empty(h.Run(r => r.Inbox(r.RequireUser("wethouder.ijmond"))));
        var refused = h.Refused(zkOnly, "besluiten", "wethouder.ijmond");
        Assert.Contains("geen mandaat", refused.Reasons.Single());
        var zkTask = Assert.Single(h.Run(r => r.Inbox(r.RequireUser("wethouder.zk"))));
        Assert.Throws<InputException>(() => h.Run(r => r.CompleteTask(zkTask.Id, "send-back", r.RequireUser("wethouder.zk"), null, null)));
        h.Run(r => r.CompleteTask(zkTask.Id, "send-back", r.RequireUser("wethouder.zk"), "Eerst de financiële gevolgen per gemeente", null));
        Assert.Equal("kernteam", h.Show(zkOnly).State);
        h.Fire(zkOnly, "voorstellen", "kernteam");
        h.Fire(zkOnly, "besluiten", "wethouder.zk");
        var councils = h.Refused(zkOnly, "afronden-zonder-raden", "contractmanager");
        Assert.Contains("raadsinformatiebrief", councils.Reasons.Single());
        h.Fire(zkOnly, "raden-informeren", "contractmanager");
        Assert.True(h.Show(zkOnly).Completed);
        var zkDocuments = h.DocumentsOf(zkOnly);
        Assert.Equal(["besluitnota", "besluitnota", "raadsinformatiebrief"], zkDocuments.Select(d => d.TemplateId));
        Assert.Contains("Eerst de financiële gevolgen per gemeente", zkDocuments[1].Html);
        // The letter names the approval: the alderman's decision was the transition itself.
        Assert.Contains("Wethouder Zuid-Kennemerland (Zuid-Kennemerland, ", zkDocuments[2].Html);
    }

    [Fact]
    public void ContinuityEscalation_FromSignalToClosure()
    {
        using var h = new WorkflowHarness(provider, Jan2026);
        var id = h.Start("continuiteitsrisico", "71000011/2026-01", data: new() { ["aanbieder"] = "71000011" });
        h.Fire(id, "agenderen", "contractmanager");
        Assert.NotEmpty(h.Run(r => r.Inbox(r.RequireUser("controller"))));
        h.Fire(id, "naar-werkgroep", "controller");
        h.Fire(id, "naar-stuurgroep", "ambtenaar");
        h.Fire(id, "stuurgroep-besluit", "wethouder.zk");
        h.Fire(id, "stuurgroep-besluit", "wethouder.ijmond");
        Assert.Equal("regios-informeren", h.Show(id).State);
        var signal = Assert.Single(h.DocumentsOf(id));
        Assert.Equal("continuiteitssignaal", signal.TemplateId);
        Assert.Contains("Stuurgroep besluit over maatregelen", signal.Html);
        h.Advance("15d");
        Assert.Equal("ja", h.Show(id).Data["termijnOverschreden"]);
        h.Fire(id, "regios-geinformeerd", "ambtenaar", ("regios", "Noord-Kennemerland, Amsterdam-Amstelland"));
        h.Fire(id, "maatregelen-afgerond", "contractmanager");
        Assert.Equal(("gesloten", true), (h.Show(id).State, h.Show(id).Completed));
    }

    [Fact]
    public void RepeatedCommand_WithSameKey_ChangesNothing()
    {
        using var h = new WorkflowHarness(provider, Jan2026);
        var id = h.Start("dialooggerichte-aanbesteding", "T-IDEM");
        var parameters = new Dictionary<string, string> { ["gemeente"] = "0392" };
        var first = h.Run(r => r.Fire(id, "kader-vastgesteld", r.RequireUser("contractmanager"), parameters, "raad-haarlem"));
        var again = h.Run(r => r.Fire(id, "kader-vastgesteld", r.RequireUser("contractmanager"), parameters, "raad-haarlem"));
        Assert.False(first.Repeated);
        Assert.True(again.Repeated);
        Assert.Equal("1", h.Show(id).Data["radenVastgesteld"]);
    }

    [Fact]
    public void CrashDuringTransition_LeavesTheInstanceBefore()
    {
        using var h = new WorkflowHarness(provider, Jan2026);
        var id = h.Start("bestuurlijk-besluit", "PHO-CRASH");
        var before = h.Show(id);
        Assert.Throws<IOException>(() => h.Run(r => r.Fire(id, "indienen", r.RequireUser("contractmanager")), new CrashOnTransitionAudit()));
        var after = h.Show(id);
        Assert.Equal(("voorstel", before.History.Count), (after.State, after.History.Count));
        Assert.Empty(after.Tasks);
        h.Fire(id, "indienen", "contractmanager");
        Assert.Equal("kernteam", h.Show(id).State);
        Assert.Single(h.Show(id).Tasks);
    }

    [Fact]
    public void TwoUsersFiringAtOnce_OneWins_TheOtherIsToldClearly()
    {
        using var h = new WorkflowHarness(provider, Jan2026);
        var id = h.Start("bestuurlijk-besluit", "PHO-RACE");
        using var gate = new Barrier(2);
        var outcomes = new Exception?[2];
        var threads = Enumerable.Range(0, 2).Select(i => new Thread(() =>
        {
            try
            {
                h.Run(r =>
                {
                    var user = r.RequireUser("contractmanager");
                    gate.SignalAndWait();
                    return r.Fire(id, "indienen", user);
                });
            }
            catch (Exception ex) { outcomes[i] = ex; }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.Single(outcomes, o => o is null);
        var loser = Assert.Single(outcomes, o => o is not null)!;
        Assert.True(loser is RefusedException or DbUpdateConcurrencyException or DbUpdateException, loser.ToString());
        Assert.Equal("kernteam", h.Show(id).State);
        Assert.Single(h.Show(id).Tasks);
    }

    private sealed class CrashOnTransitionAudit : SaveChangesInterceptor
    {
        public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
        {
            if (eventData.Context!.ChangeTracker.Entries<AuditEntry>().Any(e => e.State == EntityState.Added && e.Entity.Action == "workflow.transitie"))
                throw new IOException("Proces afgebroken midden in de transitie");
            return result;
        }
    }
}

public sealed class SqliteWorkflowScenarioTests() : WorkflowScenarioTests("sqlite");

[Trait("Category", "Postgres")]
public sealed class PostgresWorkflowScenarioTests() : WorkflowScenarioTests("postgres");
