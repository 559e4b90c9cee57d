using System.Net.Http.Json;
using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Verwerving.Web;

namespace Verwerving.Tests.Web;

/// <summary>The security basics: antiforgery, headers, sign-in failures and their limit, tokens, OpenID Connect by configuration.</summary>
public class WebSecurityTests(WebServer server) : IClassFixture<WebServer>
{
    [Fact]
    public async Task FormWithoutAntiforgeryToken_IsRefused_AndNothingHappens()
    {
        using var client = await server.SignIn("contractmanager");
        var before = server.Instance("SO-0022-AMB-OV").DataJson;
        var id = server.Instance("SO-0022-AMB-OV").Id;
        var response = await client.PostAsync($"/instanties/{id}?handler=Fire",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["trigger"] = "overleg-vastleggen" }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, server.Instance("SO-0022-AMB-OV").DataJson);
    }

    [Fact]
    public async Task EveryResponse_CarriesTheSecurityHeaders_AndDocumentsAreSandboxed()
    {
        using var client = await server.SignIn("controller");
        var page = await client.GetAsync("/bevindingen");
        Assert.Contains("script-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("SAMEORIGIN", page.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("no-store", page.Headers.CacheControl!.ToString());
        Assert.DoesNotContain("<script", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        var document = await client.GetAsync("/documenten/1");
        Assert.StartsWith("sandbox;", document.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var signIn = await server.Anonymous().GetAsync("/aanmelden");
        Assert.True(signIn.Headers.Contains("Content-Security-Policy"));
    }

    [Fact]
    public async Task WrongPassword_UnknownUser_SameAnswer_AndNoSession()
    {
        foreach (var (login, password) in new[] { ("wethouder.zk", "verkeerd-wachtwoord"), ("bestaat.niet", LocalAccounts.DemoPassword) })
        {
            using var client = server.Anonymous();
            var response = await WebServer.PostForm(client, "/aanmelden", new() { ["Login"] = login, ["Password"] = password });
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Contains("Gebruikersnaam of wachtwoord klopt niet.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/inbox")).StatusCode);
        }
    }

    [Fact]
    public async Task ApiToken_Unknown_Or_Replaced_IsRefused()
    {
        using var anonymous = new HttpClient { BaseAddress = new Uri(server.Url) };
        anonymous.DefaultRequestHeaders.Authorization = new("Bearer", "vw_0000");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/me")).StatusCode);
        var first = server.ApiToken("controller");
        server.ApiToken("controller");
        using var stale = new HttpClient { BaseAddress = new Uri(server.Url) };
        stale.DefaultRequestHeaders.Authorization = new("Bearer", first);
        Assert.Equal(HttpStatusCode.Unauthorized, (await stale.GetAsync("/api/v1/me")).StatusCode);
        // A signed-in browser's cookie is no key to the API: no cross-site requests on the user's behalf.
        using var browser = await server.SignIn("contractmanager");
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.PostAsync("/api/v1/tenders/ZKIJ-2026-01/workflow", null)).StatusCode);
    }

    [Fact]
    public async Task SignOut_Works_AndTheOldCookieIsRefusedAfterwards()
    {
        using var client = await server.SignIn("controller");
        var page = await client.GetStringAsync("/");
        var form = System.Text.RegularExpressions.Regex.Match(page, "<form[^>]*action=\"/afmelden\".*?</form>", System.Text.RegularExpressions.RegexOptions.Singleline).Value;
        Assert.Contains("__RequestVerificationToken", form);
        var cookies = server.CookiesOf(client);
        var signedOut = await WebServer.PostForm(client, "/afmelden", new(), "/");
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/inbox")).StatusCode); // to the sign-in page
        // A copy of the cookie taken before signing out opens nothing.
        using var copy = server.WithCookies(cookies);
        var replay = await copy.GetAsync("/inbox");
        Assert.Equal(HttpStatusCode.Redirect, replay.StatusCode);
        Assert.StartsWith("/aanmelden", replay.Headers.Location!.OriginalString.Replace(server.Url, "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NewPassword_RefusesTheCookiesIssuedBefore()
    {
        using var client = await server.SignIn("kernteam");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/inbox")).StatusCode);
        using (var db = server.Open())
        {
            LocalAccounts.SetPassword(db.Users.Single(u => u.Login == "kernteam"), LocalAccounts.DemoPassword);
            db.SaveChanges();
        }
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/inbox")).StatusCode);
    }

    [Fact]
    public async Task Api_AnswersWrongMethodContentTypeOrMissingToken_AsJson_NeverARedirect()
    {
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(server.Url) };
        var none = await anonymous.GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Contains("\"fout\"", await none.Content.ReadAsStringAsync());
        using var api = server.Api("contractmanager");
        var method = await api.DeleteAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, method.StatusCode);
        Assert.Contains("\"fout\"", await method.Content.ReadAsStringAsync());
        var id = (await api.GetFromJsonAsync<System.Text.Json.Nodes.JsonArray>("/api/v1/instances"))![0]!["id"]!.ToString();
        var wrongType = await api.PostAsync($"/api/v1/instances/{id}/fire", new StringContent("trigger=x", System.Text.Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);
        Assert.Contains("\"fout\"", await wrongType.Content.ReadAsStringAsync());
        Assert.False(none.Headers.Contains("Server") || method.Headers.Contains("Server"));
    }

    [Fact]
    public async Task BehindAnHttpsProxy_CookiesAreSecure_AndNoServerHeaderIsSent()
    {
        using var client = server.Anonymous();
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        var page = await client.GetAsync("/aanmelden");
        Assert.False(page.Headers.Contains("Server"));
        Assert.All(page.Headers.GetValues("Set-Cookie"), c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task MonitorForAYearOutOfRange_IsBadInput_NotAServerError()
    {
        using var api = server.Api("accounthouder");
        var response = await api.GetAsync("/api/v1/monitor/ZK?year=99999");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("99999 valt buiten het bereik", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/monitor/ZK?year=2025&quarter=4")).StatusCode);
    }
}

/// <summary>Failed sign-ins are limited per account and per address; the limit here is 3 a minute.</summary>
public class SignInLimitTests : IAsyncLifetime
{
    private readonly WebServer _server = new() { SignInAttemptsPerMinute = 3 };

    public Task InitializeAsync() => _server.InitializeAsync();

    public Task DisposeAsync() => _server.DisposeAsync();

    /// <summary>A client behind the local reverse proxy, at its own address.</summary>
    private HttpClient From(string address)
    {
        var client = _server.Anonymous();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return client;
    }

    [Fact]
    public async Task ThreeFailuresOnAnAccount_BlockThatAccount_NotTheOthersBehindTheSameAddress()
    {
        for (var i = 0; i < 3; i++)
        {
            using var client = From("10.0.0." + (i + 1));
            var wrong = await WebServer.PostForm(client, "/aanmelden", new() { ["Login"] = "wethouder.zk", ["Password"] = $"fout-{i}-wachtwoord" });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        // The account is blocked for a minute, from any address, even with the right password.
        using var last = From("10.0.0.9");
        var limited = await WebServer.PostForm(last, "/aanmelden", new() { ["Login"] = "wethouder.zk", ["Password"] = LocalAccounts.DemoPassword });
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await last.GetAsync("/inbox")).StatusCode);
        // Colleagues behind the same address sign in as usual, again and again: successes do not count.
        for (var i = 0; i < 4; i++)
        {
            using var colleague = From("10.0.0.1");
            var ok = await WebServer.PostForm(colleague, "/aanmelden", new() { ["Login"] = "wethouder.ijmond", ["Password"] = LocalAccounts.DemoPassword });
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        }
    }

    [Fact]
    public async Task ThreeFailuresFromOneAddress_OnDifferentAccounts_BlockThatAddress()
    {
        foreach (var login in new[] { "controller", "kernteam", "bestaat-niet" })
        {
            using var client = From("10.0.1.1");
            Assert.Equal(HttpStatusCode.Unauthorized, (await WebServer.PostForm(client, "/aanmelden", new() { ["Login"] = login, ["Password"] = "fout-wachtwoord-1" })).StatusCode);
        }
        using var same = From("10.0.1.1");
        Assert.Equal(HttpStatusCode.TooManyRequests,
            (await WebServer.PostForm(same, "/aanmelden", new() { ["Login"] = "accounthouder", ["Password"] = LocalAccounts.DemoPassword })).StatusCode);
        using var other = From("10.0.1.2");
        Assert.Equal(HttpStatusCode.Redirect,
            (await WebServer.PostForm(other, "/aanmelden", new() { ["Login"] = "accounthouder", ["Password"] = LocalAccounts.DemoPassword })).StatusCode);
    }
}

/// <summary>An organisation's own sign-in is configuration: the scheme appears and the sign-in page offers it.</summary>
public class OidcConfigurationTests : IAsyncLifetime
{
    private readonly WebServer _server = new()
    {
        Configuration = new Dictionary<string, string?>
        {
            ["Verwerving:Oidc:Authority"] = "https://login.voorbeeld-regio.nl",
            ["Verwerving:Oidc:ClientId"] = "verwerving",
            ["Verwerving:Oidc:DisplayName"] = "Aanmelden met het regioaccount",
        },
    };

    public Task InitializeAsync() => _server.InitializeAsync();

    public Task DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task ConfiguredAuthority_AddsTheScheme_AndTheSignInButton()
    {
        var schemes = _server.App.Services.GetRequiredService<IAuthenticationSchemeProvider>();
        Assert.NotNull(await schemes.GetSchemeAsync(WebApp.OidcScheme));
        var page = await _server.Anonymous().GetStringAsync("/aanmelden");
        Assert.Contains("Aanmelden met het regioaccount", page, StringComparison.Ordinal);
    }
}

/// <summary>The contract manager's import page: every file whole or not at all, with a report that names what was refused.</summary>
public class WebImportTests(WebServer server) : IClassFixture<WebServer>
{
    [Fact]
    public async Task Upload_ReportsTheRefusedFileWithItsElement_ImportsTheRest_AndShowsNoBsn()
    {
        using var client = await server.SignIn("contractmanager");
        var token = WebServer.Token(await client.GetStringAsync("/import"))!;
        int before;
        using (var db = server.Open()) before = db.IjwMessages.Count();
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("ijw"), "kind" },
            { new ByteArrayContent(File.ReadAllBytes(Path.Combine(Import.ImportTests.Examples, "JW315.xml"))), "files", "JW315.xml" },
            { new ByteArrayContent(File.ReadAllBytes(Path.Combine(Import.ImportTests.Examples, "JW316.xml"))), "files", "JW316.xml" },
        };
        var response = await client.PostAsync("/import", form);
        var report = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("1 van 2 bestanden verwerkt, 1 geweigerd", report, StringComparison.Ordinal);
        // The demo does not know the example's sender: refused, naming file, line and element.
        Assert.Contains("JW315.xml regel 7, Afzender: aanbieder met AGB-code 42420001 is niet bekend", report, StringComparison.Ordinal);
        foreach (var bsn in Import.ImportTests.ExampleBsns) Assert.DoesNotContain(bsn, report, StringComparison.Ordinal);
        using (var db = server.Open()) Assert.Equal(before + 1, db.IjwMessages.Count());

        using var controller = await server.SignIn("controller");
        Assert.Equal(HttpStatusCode.Forbidden, (await controller.GetAsync("/import")).StatusCode);
    }

    [Fact]
    public async Task Upload_OverTheTotalLimit_IsADutch413_NotAnErrorWithoutCode()
    {
        // Only the headers announce 300 MB: the server refuses before the body is sent.
        var url = new Uri(server.Url);
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(url.Host, url.Port);
        await using var stream = tcp.GetStream();
        var request = $"POST /api/v1/imports/budgets HTTP/1.1\r\nHost: {url.Authority}\r\nAuthorization: Bearer {server.ApiToken("contractmanager")}\r\n"
            + "Content-Type: multipart/form-data; boundary=grens\r\nContent-Length: 300000000\r\n\r\n--grens\r\n";
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream);
        var status = await reader.ReadLineAsync();
        Assert.StartsWith("HTTP/1.1 413", status, StringComparison.Ordinal);
        var rest = new char[4096];
        var read = await reader.ReadAsync(rest);
        Assert.Contains("groter dan 256 MB in totaal", new string(rest, 0, read), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiUpload_OfSeveralCsvFiles_AnswersPerFile_AndTakesUploadsOverThirtyMegabytes()
    {
        using var api = server.Api("contractmanager");
        int frames;
        using (var db = server.Open()) frames = db.BudgetFrames.Count();
        var good = "gemeente;jaar;bedrag\n0392;2030;12500000\n";
        var bad = "gemeente;jaar;bedrag\n0392;2031;100000000000000000000\n";
        // 40 MB: more than Kestrel's default of 30 MB, less than the 64 MB per file the README promises.
        var large = "gemeente;jaar;bedrag\n0392;2032;" + new string('1', 40 * 1024 * 1024) + "\n";
        using var form = new MultipartFormDataContent
        {
            { new StringContent(good), "files", "budget-2030.csv" },
            { new StringContent(bad), "files", "budget-999900006.csv" },
            { new StringContent(large), "files", "budget-groot.csv" },
        };
        var response = await api.PostAsync("/api/v1/imports/budgets", form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var reports = System.Text.Json.Nodes.JsonNode.Parse(body)!.AsArray();
        Assert.Equal(["budget-2030.csv", "budget-*********.csv", "budget-groot.csv"], reports.Select(r => (string)r!["file"]!));
        Assert.Equal(["Imported", "Refused", "Refused"], reports.Select(r => (string)r!["status"]!));
        Assert.Contains("regel 2, kolom bedrag: valt buiten het bereik", (string)reports[1]!["message"]!);
        Assert.Contains("langer dan 1000 tekens", (string)reports[2]!["message"]!);
        Assert.DoesNotContain("999900006", body);
        using (var db = server.Open()) Assert.Equal(frames + 1, db.BudgetFrames.Count());
    }
}

/// <summary>Only a demo database names its demo accounts on the sign-in page.</summary>
public class NonDemoDatabaseTests : IAsyncLifetime
{
    private readonly WebServer _server = new();

    public async Task InitializeAsync()
    {
        await _server.InitializeAsync();
        using var db = _server.Open();
        db.Settings.Remove(db.Settings.Single(s => s.Key == "demo.seed"));
        db.SaveChanges();
    }

    public Task DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task SignInPage_NamesNoAccounts()
    {
        using var client = _server.Anonymous();
        var page = await client.GetStringAsync("/aanmelden");
        Assert.Contains("Gebruikersnaam", page);
        Assert.DoesNotContain("wethouder.zk", page);
        Assert.DoesNotContain("De demo heeft de accounts", page);
    }
}
