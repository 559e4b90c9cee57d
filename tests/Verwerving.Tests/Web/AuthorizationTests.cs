using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Verwerving.Domain;

namespace Verwerving.Tests.Web;

/// <summary>
/// Every page and API endpoint, tried as every demo role against its own and another's records. The
/// expected status per role is the contract; list pages must not leak another provider's records, and
/// a new endpoint without a line in this table fails the coverage test.
/// </summary>
public class AuthorizationTests(WebServer server) : IClassFixture<WebServer>
{
    // The order of the expected statuses in each case.
    internal static readonly string?[] Roles = ["contractmanager", "controller", "wethouder.zk", "wethouder.ijmond", "aanbieder.kjg", null];

    internal sealed record Case(string Template, string Method, string Path, string Expected, object? Body = null, string[]? MustNotContain = null);

    internal sealed record Records(string OwnAgreement, string OtherAgreement, long OwnFinding, long OtherFinding, long OwnPartnership, long OtherPartnership,
        long ZkDecision, long ZkTask, long JointTask, long IjmTask, long ZkMemo, long OwnMonitorDocument, long IjmMonitorDocument);

    internal static Records Load(WebServer server)
    {
        using var db = server.Open();
        var kjg = db.Providers.AsNoTracking().Single(p => p.AgbCode == "71000011");
        var other = db.Providers.AsNoTracking().Single(p => p.AgbCode == "71000022");
        var own = db.Agreements.AsNoTracking().Where(a => a.ProviderId == kjg.Id).OrderBy(a => a.Reference).First().Reference;
        var theirs = db.Agreements.AsNoTracking().Where(a => a.ProviderId == other.Id).OrderBy(a => a.Reference).First().Reference;
        var ownFinding = db.Findings.AsNoTracking().Where(f => f.SubjectKey == kjg.AgbCode || f.SubjectKey == own).OrderBy(f => f.Id).First().Id;
        var otherFinding = db.Findings.AsNoTracking().Where(f => f.SubjectKey == other.AgbCode || f.SubjectKey == theirs).OrderBy(f => f.Id).First().Id;
        var zkDecision = server.Instance("PHO-2026-03").Id;
        return new Records(own, theirs, ownFinding, otherFinding, server.Instance(own).Id, server.Instance(theirs).Id, zkDecision,
            server.TaskFor("PHO-2026-03"), server.TaskFor("PHO-2026-02"), server.TaskFor("PHO-2026-01"),
            db.Documents.AsNoTracking().Single(d => d.InstanceId == zkDecision && d.TemplateId == "besluitnota").Id,
            db.Documents.AsNoTracking().Single(d => d.SubjectKey == "71000011/2025-K4").Id,
            db.Documents.AsNoTracking().Single(d => d.SubjectKey == "IJM/2025-K4").Id);
    }

    //                       cm   ctrl whzk whij kjg  anon
    private static IEnumerable<Case> Pages(Records r)
    {
        string[] others = ["SO-0022", "71000022", "Spaarne"];
        return
        [
            new("/", "GET", "/", "200 200 200 200 200 302"),
            new("aanmelden", "GET", "/aanmelden", "200 200 200 200 200 200"),
            new("afmelden", "GET", "/afmelden", "302 302 302 302 302 302"),
            new("fout/{code:int}", "GET", "/fout/404", "404 404 404 404 404 404"),
            new("aanbestedingen", "GET", "/aanbestedingen", "200 200 200 200 403 302"),
            new("aanbestedingen/{reference}", "GET", "/aanbestedingen/ZKIJ-2026-01", "200 200 200 200 403 302"),
            new("overeenkomsten", "GET", "/overeenkomsten", "200 200 200 200 200 302", MustNotContain: others),
            new("overeenkomsten/{reference}", "GET", $"/overeenkomsten/{r.OwnAgreement}", "200 200 200 200 200 302"),
            new("overeenkomsten/{reference}", "GET", $"/overeenkomsten/{r.OtherAgreement}", "200 200 200 200 403 302"),
            new("bevindingen", "GET", "/bevindingen?status=all", "200 200 200 200 200 302", MustNotContain: others),
            new("bevindingen/{id:long}", "GET", $"/bevindingen/{r.OwnFinding}", "200 200 200 200 200 302"),
            new("bevindingen/{id:long}", "GET", $"/bevindingen/{r.OtherFinding}", "200 200 200 200 403 302"),
            new("monitor/{subject?}", "GET", "/monitor", "200 200 200 200 302 302"),
            new("monitor/{subject?}", "GET", "/monitor/ZK", "200 200 200 200 403 302"),
            new("monitor/{subject?}", "GET", "/monitor/71000011", "200 200 200 200 200 302"),
            new("monitor/{subject?}", "GET", "/monitor/71000022", "200 200 200 200 403 302"),
            new("instanties", "GET", "/instanties", "200 200 200 200 403 302"),
            new("instanties/{id:long}", "GET", $"/instanties/{r.OwnPartnership}", "200 200 200 200 200 302"),
            new("instanties/{id:long}", "GET", $"/instanties/{r.OtherPartnership}", "200 200 200 200 403 302"),
            new("instanties/{id:long}", "GET", $"/instanties/{r.ZkDecision}", "200 200 200 403 403 302"),
            new("inbox", "GET", "/inbox", "200 200 200 200 200 302", MustNotContain: ["PHO-2026-03"]),
            new("inbox/{id:long}", "GET", $"/inbox/{r.ZkTask}", "403 403 200 403 403 302"),
            new("inbox/{id:long}", "GET", $"/inbox/{r.JointTask}", "403 403 200 200 403 302"),
            new("besluiten", "GET", "/besluiten", "200 200 200 200 200 302"),
            new("import", "GET", "/import", "200 403 403 403 403 302"),
            new("documenten/{id:long}", "GET", $"/documenten/{r.ZkMemo}", "200 200 200 403 403 302"),
            new("documenten/{id:long}", "GET", $"/documenten/{r.OwnMonitorDocument}", "200 200 200 200 200 302"),
            new("documenten/{id:long}", "GET", $"/documenten/{r.IjmMonitorDocument}", "200 200 200 200 403 302"),
            new("site.css", "GET", "/site.css", "200 200 200 200 200 200"),
        ];
    }

    private static IEnumerable<Case> ApiCalls(Records r)
    {
        string[] others = ["SO-0022", "71000022", "Spaarne"];
        return
        [
            new("api/v1/me", "GET", "/api/v1/me", "200 200 200 200 200 401"),
            new("api/v1/tenders", "GET", "/api/v1/tenders", "200 200 200 200 403 401"),
            new("api/v1/tenders/{reference}", "GET", "/api/v1/tenders/ZKIJ-2026-01", "200 200 200 200 403 401"),
            new("api/v1/agreements", "GET", "/api/v1/agreements", "200 200 200 200 200 401", MustNotContain: others),
            new("api/v1/agreements/{reference}", "GET", $"/api/v1/agreements/{r.OtherAgreement}", "200 200 200 200 403 401"),
            new("api/v1/findings", "GET", "/api/v1/findings?status=all", "200 200 200 200 200 401", MustNotContain: others),
            new("api/v1/findings/{id:long}", "GET", $"/api/v1/findings/{r.OtherFinding}", "200 200 200 200 403 401"),
            new("api/v1/instances", "GET", "/api/v1/instances", "200 200 200 200 403 401"),
            new("api/v1/instances/{id:long}", "GET", $"/api/v1/instances/{r.ZkDecision}", "200 200 200 403 403 401"),
            new("api/v1/inbox", "GET", "/api/v1/inbox", "200 200 200 200 200 401", MustNotContain: ["PHO-2026-03"]),
            new("api/v1/inbox/{taskId:long}", "GET", $"/api/v1/inbox/{r.ZkTask}", "403 403 200 403 403 401"),
            new("api/v1/actions", "GET", "/api/v1/actions", "200 200 200 200 200 401"),
            new("api/v1/monitor/{subject}", "GET", "/api/v1/monitor/71000022", "200 200 200 200 403 401"),
            new("api/v1/documents/{id:long}", "GET", $"/api/v1/documents/{r.ZkMemo}", "200 200 200 403 403 401"),
        ];
    }

    private static readonly Dictionary<string, string> Meeting = new()
    {
        ["datum"] = "2026-01-05", ["deelnemers"] = "Wethouders, bestuurder", ["verslag"] = "Voortgang besproken.",
    };

    // Changes: the roles run from anonymous to the contract manager, so the one allowed change comes last.
    internal static IEnumerable<Case> Changes(Records r) =>
    [
        new("api/v1/tenders/{reference}/workflow", "POST", "/api/v1/tenders/ZKIJ-2026-01/workflow", "200 403 403 403 403 401"),
        new("api/v1/instances/{id:long}/fire", "POST", $"/api/v1/instances/{r.OtherPartnership}/fire", "200 409 409 409 403 401",
            new { trigger = "overleg-vastleggen", parameters = Meeting }),
        new("api/v1/inbox/{taskId:long}", "POST", $"/api/v1/inbox/{r.ZkTask}", "403 403 200 403 403 401", new { outcome = "approve" }),
        new("api/v1/imports/{kind}", "POST", "/api/v1/imports/budgets", "200 403 403 403 403 401", "budgets"),
        new("aanbestedingen/{reference}", "POST", "/aanbestedingen/ZKIJ-2026-01?handler=Start", "302 403 403 403 403 302"),
        new("instanties/{id:long}", "POST", $"/instanties/{r.OtherPartnership}?handler=Fire",
            "200 409 409 409 403 302", new Dictionary<string, string>(Meeting.Select(m => KeyValuePair.Create("p." + m.Key, m.Value))) { ["trigger"] = "overleg-vastleggen" }),
        new("inbox/{id:long}", "POST", $"/inbox/{r.IjmTask}", "403 403 403 200 403 302", new Dictionary<string, string> { ["outcome"] = "approve" }),
    ];

    [Fact]
    public async Task EveryPage_AsEveryRole_OwnAndOthersRecords()
    {
        var r = Load(server);
        var failures = new List<string>();
        foreach (var login in Roles)
        {
            using var client = login is null ? server.Anonymous() : await server.SignIn(login);
            foreach (var c in Pages(r)) failures.AddRange(await Check(client, login, c));
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task EveryApiEndpoint_AsEveryRole_OwnAndOthersRecords()
    {
        var r = Load(server);
        var failures = new List<string>();
        foreach (var login in Roles)
        {
            using var client = login is null ? new HttpClient { BaseAddress = new Uri(server.Url) } : server.Api(login);
            foreach (var c in ApiCalls(r)) failures.AddRange(await Check(client, login, c));
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void TheTables_CoverEveryEndpointTheApplicationMaps()
    {
        var r = new Records("A", "B", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        var covered = Pages(r).Concat(ApiCalls(r)).Concat(Changes(r)).Select(c => c.Template).ToHashSet();
        var mapped = server.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText!.Trim('/')).Select(t => t.Length == 0 ? "/" : t).ToHashSet();
        Assert.NotEmpty(mapped);
        Assert.Empty(mapped.Except(covered));
    }

    internal static async Task<IEnumerable<string>> Check(HttpClient client, string? login, Case c)
    {
        var expected = int.Parse(c.Expected.Split(' ')[Array.IndexOf(Roles, login)], System.Globalization.CultureInfo.InvariantCulture);
        var response = await Send(client, c);
        var body = await response.Content.ReadAsStringAsync();
        var who = login ?? "anoniem";
        var problems = new List<string>();
        if ((int)response.StatusCode != expected)
            problems.Add($"{c.Method} {c.Path} als {who}: {(int)response.StatusCode}, verwacht {expected}");
        if ((int)response.StatusCode == 200 && login == "aanbieder.kjg")
            foreach (var leak in c.MustNotContain ?? [])
                if (body.Contains(leak, StringComparison.Ordinal)) problems.Add($"{c.Method} {c.Path} als {who} lekt '{leak}'");
        return problems;
    }

    private static async Task<HttpResponseMessage> Send(HttpClient client, Case c)
    {
        if (c.Method == "GET") return await client.GetAsync(c.Path);
        return c.Body switch
        {
            Dictionary<string, string> form => await WebServer.PostForm(client, c.Path, new Dictionary<string, string>(form), formPage: "/aanmelden"),
            "budgets" => await client.PostAsync(c.Path, new MultipartFormDataContent
            {
                { new ByteArrayContent("gemeente;jaar;bedrag\n0375;2030;1000000\n"u8.ToArray()), "files", "kaders.csv" },
            }),
            null when c.Path.StartsWith("/api/", StringComparison.Ordinal) => await client.PostAsync(c.Path, null),
            null => await WebServer.PostForm(client, c.Path, [], formPage: "/aanmelden"),
            var json => await client.PostAsJsonAsync(c.Path, json),
        };
    }
}

/// <summary>The changing calls, on a server of their own: the allowed change (as the last role) must not disturb the read tests.</summary>
public class ChangeAuthorizationTests(WebServer server) : IClassFixture<WebServer>
{
    [Fact]
    public async Task EveryChange_IsRefusedOutsideRoleAndMandate_AndNothingChanges()
    {
        var r = AuthorizationTests.Load(server);
        var failures = new List<string>();
        foreach (var login in AuthorizationTests.Roles.Reverse())
        {
            using var page = login is null ? server.Anonymous() : await server.SignIn(login);
            using var api = login is null ? new HttpClient { BaseAddress = new Uri(server.Url) } : server.Api(login);
            foreach (var c in AuthorizationTests.Changes(r)) failures.AddRange(await AuthorizationTests.Check(c.Template.StartsWith("api/", StringComparison.Ordinal) ? api : page, login, c));
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        using var db = server.Open();
        // Only the ZK alderman approved the ZK-only decision; only the IJmond alderman the IJmond-only one.
        Assert.Equal("besloten", server.Instance("PHO-2026-03").State);
        Assert.Equal("besloten", server.Instance("PHO-2026-01").State);
        Assert.Equal(1, db.AuditEntries.AsNoTracking().Count(a => a.SubjectKey == r.ZkDecision.ToString(System.Globalization.CultureInfo.InvariantCulture)
            && a.Action == "workflow.transitie" && a.Actor == "wethouder.zk" && a.DetailsJson.Contains("\"besluiten\"")));
    }
}
