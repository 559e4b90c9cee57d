using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Verwerving.Persistence;
using Verwerving.Tests.Rules;
using Verwerving.Web;
using Verwerving.Workflows;

namespace Verwerving.Tests.Web;

/// <summary>The real web application on a copy of the demo database, listening on a free local port.</summary>
public sealed partial class WebServer : IAsyncLifetime
{
    private readonly DemoDatabaseFixture _demo = new();
    private WebApplication? _app;

    public string Url { get; private set; } = "";
    public DatabaseOptions Database { get; private set; } = null!;
    public WebApplication App => _app!;
    public int SignInAttemptsPerMinute { get; init; } = 1000;
    public IReadOnlyDictionary<string, string?>? Configuration { get; init; }

    public async Task InitializeAsync()
    {
        Database = DatabaseOptions.Sqlite(_demo.Copy());
        Environment.SetEnvironmentVariable("VERWERVING_KEYS", Path.Combine(Path.GetTempPath(), "verwerving-test-keys"));
        _app = WebApp.Build(new WebSettings(Database, ["http://127.0.0.1:0"], Verwerving.Tests.Workflows.WorkflowHarness.RepositoryWorkflows, SignInAttemptsPerMinute: SignInAttemptsPerMinute,
            Configuration: Configuration));
        await _app.StartAsync();
        Url = _app.Urls.Single();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        _demo.Dispose();
    }

    public VerwervingDb Open() => Database.Open();

    /// <summary>A client with its own cookies, signed in as <paramref name="login"/> through the sign-in form (antiforgery included).</summary>
    public async Task<HttpClient> SignIn(string login, string password = LocalAccounts.DemoPassword)
    {
        var client = Anonymous();
        var response = await PostForm(client, "/aanmelden", new() { ["Login"] = login, ["Password"] = password });
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Aanmelden als {login} mislukte: {(int)response.StatusCode}");
        return client;
    }

    /// <summary>The cookies a client holds for this server, to replay them from another client.</summary>
    public string CookiesOf(HttpClient client) => _jars.TryGetValue(client, out var jar) ? jar.GetCookieHeader(new Uri(Url)) : "";

    /// <summary>A client that sends exactly these cookies and keeps no others.</summary>
    public HttpClient WithCookies(string cookies)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(Url) };
        client.DefaultRequestHeaders.Add("Cookie", cookies);
        return client;
    }

    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<HttpClient, CookieContainer> _jars = new();

    public HttpClient Anonymous()
    {
        var jar = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { CookieContainer = jar, AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = new Uri(Url) };
        _jars.Add(client, jar);
        return client;
    }

    /// <summary>Posts a form the way a browser does: first reads the page for its antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostForm(HttpClient client, string path, Dictionary<string, string> fields, string? formPage = null)
    {
        if (Token(await client.GetStringAsync(formPage ?? path)) is { } token) fields["__RequestVerificationToken"] = token;
        return await client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    /// <summary>The antiforgery token of a page's form, if it has one.</summary>
    public static string? Token(string page) => AntiforgeryToken().Match(page) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    public string ApiToken(string login)
    {
        using var db = Open();
        var user = db.Users.Single(u => u.Login == login);
        var token = LocalAccounts.NewApiToken(user);
        db.SaveChanges();
        return token;
    }

    public HttpClient Api(string login)
    {
        var client = new HttpClient { BaseAddress = new Uri(Url) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ApiToken(login));
        return client;
    }

    public long TaskFor(string subject)
    {
        using var db = Open();
        var instance = db.Set<WorkflowInstance>().AsNoTracking().Where(i => i.SubjectKey == subject).OrderByDescending(i => i.Id).First();
        return db.Set<HumanTask>().AsNoTracking().Where(t => t.InstanceId == instance.Id && t.Status == Verwerving.Workflows.TaskStatus.Open).OrderBy(t => t.Id).First().Id;
    }

    public WorkflowInstance Instance(string subject)
    {
        using var db = Open();
        return db.Set<WorkflowInstance>().AsNoTracking().Where(i => i.SubjectKey == subject).OrderByDescending(i => i.Id).First();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
