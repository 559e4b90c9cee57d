using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Verwerving.Web;

namespace Verwerving.Tests.Web;

/// <summary>Debian's Chromium driven by Playwright; no browser is ever downloaded.</summary>
public sealed class Browser : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";
    private IPlaywright? _playwright;

    public IBrowser Instance { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var path = Environment.GetEnvironmentVariable("VERWERVING_CHROMIUM") ?? Chromium;
        if (!File.Exists(path)) throw new InvalidOperationException($"{path} ontbreekt: installeer Debian's chromium (scripts/test doet dat als root).");
        _playwright = await Playwright.CreateAsync();
        Instance = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = path,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Instance is not null) await Instance.DisposeAsync();
        _playwright?.Dispose();
    }
}

/// <summary>
/// The three journeys of the web application, in a real browser: the contract manager takes a tender from
/// its start to the intended award and reads why a guard refuses; the account-holding region reads the
/// provider monitor's charts; the IJmond alderman approves a joint decision and cannot touch a ZK-only one.
/// A failing journey leaves a screenshot in the test output folder. The journeys run alone: their waits are
/// timed, and the suite's process-heavy tests beside them starved the browser on two cores.
/// </summary>
[Collection("Browser")]
public class BrowserTests(WebServer server, Browser browser) : IClassFixture<WebServer>, IClassFixture<Browser>
{
    private async Task Journey(string name, Func<IPage, Task> steps)
    {
        await using var context = await browser.Instance.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.Url, Locale = "nl-NL" });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        try
        {
            await steps(page);
        }
        catch (Exception ex)
        {
            var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
            Directory.CreateDirectory(folder);
            var file = Path.Combine(folder, $"{name}-{DateTime.UtcNow:yyyyMMddHHmmss}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
            throw new InvalidOperationException($"Reis '{name}' faalde op {page.Url}; schermafdruk: {file}", ex);
        }
    }

    private static async Task SignIn(IPage page, string login)
    {
        await page.GotoAsync("/");
        await page.GetByLabel("Gebruikersnaam").FillAsync(login);
        await page.GetByLabel("Wachtwoord").FillAsync(LocalAccounts.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Aanmelden" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Goedendag" }).WaitForAsync();
    }

    private static async Task Fire(IPage page, string title, params (string Field, string Value)[] parameters)
    {
        var form = page.Locator($"form[aria-label=\"{title}\"]");
        foreach (var (field, value) in parameters)
        {
            var input = form.Locator($"[name=\"p.{field}\"]");
            if (await input.EvaluateAsync<string>("e => e.tagName") == "SELECT") await input.SelectOptionAsync(value);
            else await input.FillAsync(value);
        }
        await form.GetByRole(AriaRole.Button, new() { Name = title }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    private static Task Menu(IPage page, string item) =>
        page.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdmenu" }).GetByRole(AriaRole.Link, new() { Name = item, Exact = true }).ClickAsync();

    private static async Task<string> Status(IPage page) => (await page.Locator("#status").InnerTextAsync()).Trim();

    [Fact]
    public Task ContractManager_MovesATenderFromDialogueToIntendedAward_AndSeesWhyAGuardRefuses() => Journey("aanbesteding", async page =>
    {
        await SignIn(page, "contractmanager");
        await Menu(page, "Aanbestedingen");
        await page.GetByRole(AriaRole.Link, new() { Name = "ZKIJ-2026-01" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Workflow starten (dialooggerichte aanbesteding)" }).ClickAsync();
        Assert.StartsWith("Voorbereiding", await Status(page));

        using (var db = server.Open())
            foreach (var municipality in db.Municipalities.AsNoTracking().OrderBy(m => m.CbsCode).Select(m => m.CbsCode).ToList())
                await Fire(page, "Raad heeft het kader vastgesteld", ("gemeente", municipality)); // picked from the list of the regions' councils
        await Fire(page, "Aankondigen");
        await Fire(page, "Selectie openen");
        await Fire(page, "Gegadigde toelaten", ("aanbieder", "71000011"));
        await Fire(page, "Gegadigde toelaten", ("aanbieder", "71000022"));

        // Two candidates and weights adding up to 95%: the procurement rule set blocks the dialogue, and the page says why.
        Assert.Equal(0, await page.Locator("form[aria-label=\"Dialoog starten\"]").CountAsync());
        var reasons = await page.Locator("li", new() { HasText = "Dialoog starten" }).InnerTextAsync();
        Assert.Contains("2 toegelaten gegadigden; voor de dialoog zijn er ten minste 3 nodig", reasons, StringComparison.Ordinal);
        Assert.Contains("tellen op tot 95% in plaats van 100%", reasons, StringComparison.Ordinal);
        var workflow = page.Url;

        // The contract manager corrects the weighting on the tender's page; its finding closes.
        await page.GotoAsync("/aanbestedingen/ZKIJ-2026-01");
        await page.GetByLabel("Gunningscriteria (één per regel: naam=gewicht)").FillAsync("kwaliteit=60\nprijs=30\nsamenwerking=10");
        await page.GetByRole(AriaRole.Button, new() { Name = "Gunningscriteria vaststellen" }).ClickAsync();
        Assert.Contains("geen bevindingen meer", await page.GetByRole(AriaRole.Status).InnerTextAsync(), StringComparison.Ordinal);
        await page.GotoAsync(workflow.Split('?')[0]);
        Assert.DoesNotContain("95%", await page.Locator("li", new() { HasText = "Dialoog starten" }).InnerTextAsync(), StringComparison.Ordinal);

        await Fire(page, "Gegadigde toelaten", ("aanbieder", "71000033"));
        await Fire(page, "Dialoog starten");
        Assert.StartsWith("Dialoogfase", await Status(page));

        // A round without youths and parents is refused when fired, with the guard's reason.
        await Fire(page, "Dialoogronde vastleggen", ("thema", "Toegang"), ("jeugdigen-en-ouders", "nee"));
        var alert = page.GetByRole(AriaRole.Alert);
        Assert.Contains("Jeugdigen en ouders nemen deel aan elke dialoogronde", await alert.InnerTextAsync(), StringComparison.Ordinal);

        foreach (var theme in new[] { "Toegang", "Wachttijden", "Bekostiging" })
            await Fire(page, "Dialoogronde vastleggen", ("thema", theme), ("jeugdigen-en-ouders", "ja"));
        await Fire(page, "Dialoog afsluiten en uitnodigen tot inschrijving");
        await Fire(page, "Inschrijving ontvangen", ("aanbieder", "71000011"), ("bedrag", "4.100.000,00"));
        await Fire(page, "Inschrijving sluiten");
        await Fire(page, "Inschrijving beoordelen", ("aanbieder", "71000011"), ("scores", "kwaliteit=8,prijs=7,samenwerking=7"));
        await Fire(page, "Beoordeling afronden en gunningsvoorstel doen");
        Assert.Equal("Voorgenomen gunning ter besluit in het PHO", await Status(page));
        // One set of minutes per completed round; the refused round left none.
        Assert.Equal(3, await page.Locator("a[href^='/documenten/']").CountAsync());
        Assert.Equal("voorgenomen-gunning", server.Instance("ZKIJ-2026-01").State);
    });

    [Fact]
    public Task AccountHoldingRegion_OpensTheProviderMonitor_AndSeesTheCharts() => Journey("monitor", async page =>
    {
        await SignIn(page, "accounthouder");
        await Menu(page, "Monitor");
        await page.GetByRole(AriaRole.Link, new() { Name = "Kennemer Jeugd & GGZ" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Kwartaalmonitor Kennemer Jeugd & GGZ" }).WaitForAsync();
        foreach (var chart in new[] { "Omzet tegen plafond per jaar", "Omzet per inkopende regio", "Verwijzingen en weigeringen" })
        {
            var svg = page.GetByRole(AriaRole.Img, new() { Name = chart });
            Assert.True(await svg.IsVisibleAsync(), $"grafiek '{chart}' is niet zichtbaar");
            var box = await svg.BoundingBoxAsync();
            Assert.True(box is { Width: > 200, Height: > 100 }, $"grafiek '{chart}' is te klein: {box?.Width}x{box?.Height}");
            Assert.True(await svg.Locator("rect, polyline, path, circle").CountAsync() > 3, $"grafiek '{chart}' heeft geen gegevens");
        }
        Assert.Contains("accounthoudende regio: Zuid-Kennemerland", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        var escalation = page.GetByRole(AriaRole.Link, new() { Name = "voortgang van de escalatie" });
        await escalation.ClickAsync();
        Assert.Equal("Escalatie continuïteitsrisico", await page.Locator("h1").InnerTextAsync());
        Assert.Contains("Kennemer Jeugd & GGZ (AGB 71000011)", await page.Locator("p.onderwerp").InnerTextAsync(), StringComparison.Ordinal);
    });

    [Fact]
    public Task IJmondAlderman_ApprovesAJointDecision_AndIsRefusedAZuidKennemerlandOne() => Journey("wethouder", async page =>
    {
        var zkTask = server.TaskFor("PHO-2026-03");
        await SignIn(page, "wethouder.ijmond");
        await Menu(page, "Inbox");
        Assert.Equal(0, await page.GetByRole(AriaRole.Cell, new() { Name = "PHO-2026-03" }).CountAsync());
        await page.GetByRole(AriaRole.Row, new() { Name = "PHO-2026-02" }).GetByRole(AriaRole.Link).ClickAsync();

        // The memo is on the page, sandboxed, with the proposal in it.
        var memo = page.FrameLocator("iframe.document");
        Assert.Contains("Indexatie omzetplafonds", await memo.Locator("body").InnerTextAsync(), StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Button, new() { Name = "Instemmen" }).ClickAsync();
        Assert.Contains("wacht op de wethouder van ZK", await page.GetByRole(AriaRole.Status).InnerTextAsync(), StringComparison.Ordinal);

        // The ZK-only decision: not in the inbox, and its page refuses with the mandate.
        var response = await page.GotoAsync($"/inbox/{zkTask}");
        Assert.Equal(403, response!.Status);
        Assert.Contains("buiten uw mandaat", await page.GetByRole(AriaRole.Alert).InnerTextAsync(), StringComparison.Ordinal);

        // Approving it anyway through the API is refused too, and the decision still waits in the PHO.
        using var api = server.Api("wethouder.ijmond");
        var approve = await api.PostAsJsonAsync($"/api/v1/inbox/{zkTask}", new { outcome = "approve" });
        Assert.Equal(HttpStatusCode.Forbidden, approve.StatusCode);
        Assert.Equal("pho", server.Instance("PHO-2026-03").State);

        await Menu(page, "Genomen besluiten");
        Assert.Contains("PHO-2026-02", await page.Locator("table").InnerTextAsync(), StringComparison.Ordinal);
    });
}

[CollectionDefinition("Browser", DisableParallelization = true)]
public sealed class BrowserCollection;
