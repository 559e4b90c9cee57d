using System.Net;
using Microsoft.EntityFrameworkCore;
using Verwerving.Domain;

namespace Verwerving.Tests.Web;

/// <summary>The tender on its pages: typed parameters as pick lists, the record as the workflow writes it, an irreversible step confirmed.</summary>
public class TenderPageTests(WebServer server) : IClassFixture<WebServer>
{
    [Fact]
    public async Task Withdrawal_AsksForConfirmation_AndThePagesShowTheRecord()
    {
        using var client = await server.SignIn("contractmanager");
        var started = await WebServer.PostForm(client, "/aanbestedingen/ZKIJ-2026-01?handler=Start", [], formPage: "/aanbestedingen/ZKIJ-2026-01");
        Assert.Equal(HttpStatusCode.Found, started.StatusCode); // to the workflow's page
        var id = server.Instance("ZKIJ-2026-01").Id;
        var page = await client.GetStringAsync($"/instanties/{id}");
        // A municipality is picked from the councils of the tender's regions, not typed.
        Assert.Contains("<option value=\"0392\">Haarlem (0392)</option>", page, StringComparison.Ordinal);
        Assert.Contains("name=\"bevestigd\"", page, StringComparison.Ordinal);

        var adopted = await WebServer.PostForm(client, $"/instanties/{id}?handler=Fire", new() { ["trigger"] = "kader-vastgesteld", ["p.gemeente"] = "0392" });
        Assert.Equal(HttpStatusCode.OK, adopted.StatusCode);
        var tender = await client.GetStringAsync("/aanbestedingen/ZKIJ-2026-01");
        Assert.Contains("1 van de 7 raden hebben het kader vastgesteld.", tender, StringComparison.Ordinal);

        var unconfirmed = await WebServer.PostForm(client, $"/instanties/{id}?handler=Fire", new() { ["trigger"] = "intrekken", ["p.reden"] = "Kader herzien" });
        Assert.Equal(HttpStatusCode.Conflict, unconfirmed.StatusCode);
        Assert.Contains("Bevestig eerst", await unconfirmed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(TenderPhase.Preparation, Phase());

        var confirmed = await WebServer.PostForm(client, $"/instanties/{id}?handler=Fire",
            new() { ["trigger"] = "intrekken", ["p.reden"] = "Kader herzien", ["bevestigd"] = "ja" });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal(TenderPhase.Withdrawn, Phase());
        // A withdrawn tender gets no new workflow.
        Assert.DoesNotContain("Workflow starten", await client.GetStringAsync("/aanbestedingen/ZKIJ-2026-01"), StringComparison.Ordinal);
    }

    /// <summary>Two definitions are about an agreement (the partnership and its evaluation): the page shows the partnership's own state.</summary>
    [Fact]
    public async Task Agreements_ShowTheStateOfTheirPartnership()
    {
        using var client = await server.SignIn("contractmanager");
        var page = await client.GetStringAsync("/overeenkomsten");
        Assert.Contains("Evaluatie na 3 jaar", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Cijfers verzamelen", page, StringComparison.Ordinal);
    }

    /// <summary>The meeting-planning task asks for what the meeting record needs; completing it records the meeting held, for the partner.</summary>
    [Fact]
    public async Task MeetingTask_RecordsTheMeetingHeld_WithItsValues()
    {
        using var client = await server.SignIn("contractmanager");
        long taskId;
        int before;
        using (var db = server.Open())
        {
            taskId = db.Set<Verwerving.Workflows.HumanTask>().AsNoTracking()
                .Where(t => t.Status == Verwerving.Workflows.TaskStatus.Open && t.ApproveTrigger == "overleg-vastleggen").OrderBy(t => t.Id).First().Id;
            before = db.PartnerMeetings.Count();
        }
        var page = await client.GetStringAsync($"/inbox/{taskId}");
        Assert.Contains("name=\"p.verslag\"", page, StringComparison.Ordinal);
        Assert.Contains(">Bestuurlijk overleg vastleggen</button>", page, StringComparison.Ordinal);

        var missing = await WebServer.PostForm(client, $"/inbox/{taskId}", new() { ["outcome"] = "approve" });
        Assert.Contains("ontbreekt", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using (var db = server.Open()) Assert.Equal(before, db.PartnerMeetings.Count());

        var done = await WebServer.PostForm(client, $"/inbox/{taskId}", new()
        {
            ["outcome"] = "approve", ["p.datum"] = "2026-01-05", ["p.deelnemers"] = "Wethouders ZK en IJmond, bestuurder", ["p.verslag"] = "Wachttijden besproken.",
        });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        using (var db = server.Open())
        {
            var meeting = db.PartnerMeetings.AsNoTracking().OrderByDescending(m => m.Id).First();
            Assert.Equal((before + 1, new DateOnly(2026, 1, 5), "Wachttijden besproken.", "contractmanager"),
                (db.PartnerMeetings.Count(), meeting.HeldOn, meeting.Minutes, meeting.RecordedBy));
            Assert.Equal(Verwerving.Workflows.TaskStatus.Done, db.Set<Verwerving.Workflows.HumanTask>().AsNoTracking().Single(t => t.Id == taskId).Status);
        }
    }

    private TenderPhase Phase()
    {
        using var db = server.Open();
        return db.Tenders.AsNoTracking().Single(t => t.Reference == "ZKIJ-2026-01").Phase;
    }
}
