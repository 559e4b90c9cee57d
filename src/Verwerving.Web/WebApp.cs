using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Verwerving.Documents;
using Verwerving.Domain;
using Verwerving.Persistence;
using Verwerving.Rules;
using Verwerving.Workflows;

namespace Verwerving.Web;

/// <summary>Where the web application finds its data: the same options every CLI command takes.</summary>
public sealed record WebSettings(DatabaseOptions Database, string[] Urls, string? WorkflowsFolder = null, string? NormsFolder = null,
    string? TemplatesFolder = null, int SignInAttemptsPerMinute = 10, IReadOnlyDictionary<string, string?>? Configuration = null,
    WorkerOptions? Worker = null);

/// <summary>
/// Limits failed sign-ins per account and per client address, so a password cannot be guessed at speed, while one
/// client behind a proxy or NAT who mistypes does not lock out everyone else, and a success costs nothing.
/// </summary>
public sealed class SignInLimiter(int perMinute) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));

    private static IEnumerable<string> Keys(HttpContext context, string login)
    {
        yield return "adres:" + (context.Connection.RemoteIpAddress?.ToString() ?? "onbekend");
        if (login.Length > 0) yield return "account:" + login.ToLowerInvariant();
    }

    /// <summary>True when this address or this account used up its failures for the minute.</summary>
    public bool Blocked(HttpContext context, string login) =>
        Keys(context, login).Any(key => _limiter.GetStatistics(key)?.CurrentAvailablePermits == 0);

    /// <summary>Counts one failure against the address and the account.</summary>
    public void Failed(HttpContext context, string login)
    {
        foreach (var key in Keys(context, login)) _limiter.AttemptAcquire(key).Dispose();
    }

    public void Dispose() => _limiter.Dispose();
}

/// <summary>The web application: Dutch server-rendered pages for the contract manager, the account-holding region and the aldermen, and a JSON API.</summary>
public static class WebApp
{
    public const string OidcScheme = "oidc";

    public static WebApplication Build(WebSettings settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
            ApplicationName = typeof(WebApp).Assembly.GetName().Name,
        });
        builder.Configuration.AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "verwerving.json"), optional: true);
        if (settings.Configuration is { } extra) builder.Configuration.AddInMemoryCollection(extra);
        builder.WebHost.UseUrls(settings.Urls);
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        // Request logs would carry paths and addresses; the audit trail is the record of what users did.
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
        builder.Logging.AddFilter("Verwerving.Timers", LogLevel.Information);
        // Keys sit beside the pseudonymisation key, outside the database; Linux has no machine-wide key encryption to configure.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);

        var services = builder.Services;
        var templates = new TemplateLibrary(settings.TemplatesFolder ?? TemplateLibrary.DefaultFolder());
        var norms = NormBook.Load(settings.NormsFolder);
        services.AddDataProtection().SetApplicationName("Verwerving").PersistKeysToFileSystem(new DirectoryInfo(KeyFolder()));
        services.AddSingleton(settings);
        services.AddSingleton(templates);
        services.AddSingleton(norms);
        var catalog = new DefinitionCatalog(settings.WorkflowsFolder ?? DefinitionCatalog.DefaultFolder(), templates.Exists);
        var runtimes = new RuntimeFactory(catalog, templates, () => norms);
        services.AddSingleton(catalog);
        services.AddSingleton(runtimes);
        // serve fires timers itself unless told not to (a node that only answers pages beside separate workers).
        if (settings.Worker is { } worker)
            services.AddHostedService(sp =>
            {
                var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger("Verwerving.Timers");
                return new TimerWorkerService(runtimes.Worker(settings.Database, worker, m => logger.LogInformation("{Message}", m)));
            });
        services.AddSingleton(new SignInLimiter(settings.SignInAttemptsPerMinute));
        services.AddScoped(_ => settings.Database.Open());
        services.AddScoped(sp => runtimes.UseCases(sp.GetRequiredService<VerwervingDb>()));
        services.AddHttpContextAccessor();
        services.AddScoped(sp => Viewer.For(sp.GetRequiredService<IHttpContextAccessor>().HttpContext!.User, sp.GetRequiredService<VerwervingDb>())
            ?? throw new AccessDeniedException("U bent niet (meer) bekend als gebruiker."));
        services.AddScoped<IAuthorizationHandler, ViewerAuthorizationHandler>();
        services.AddScoped<Rights>();
        services.AddScoped<Portal>();

        var auth = services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.LoginPath = "/aanmelden";
                o.AccessDeniedPath = "/fout/403";
                o.Cookie.Name = "verwerving";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.Events.OnRedirectToAccessDenied = c => { c.Response.StatusCode = StatusCodes.Status403Forbidden; return Task.CompletedTask; };
                // The API answers for itself (401 as JSON); only pages send a browser to the sign-in page.
                o.Events.OnRedirectToLogin = c =>
                {
                    if (c.Request.Path.StartsWithSegments("/api")) c.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    else c.Response.Redirect(c.RedirectUri);
                    return Task.CompletedTask;
                };
                o.Events.OnValidatePrincipal = ValidateStamp;
                // Under /api only the bearer token counts, also for routes no endpoint claims (a wrong method answers 405, not 401).
                o.ForwardDefaultSelector = c => c.Request.Path.StartsWithSegments("/api") ? ApiTokenHandler.SchemeName : null;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(ApiTokenHandler.SchemeName, null);
        if (Oidc(builder.Configuration) is { } oidc) AddOidc(auth, oidc);
        services.AddAuthorizationBuilder().SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddRazorPages(o => o.Conventions.AllowAnonymousToPage("/Aanmelden").AllowAnonymousToPage("/Fout"))
            .AddApplicationPart(typeof(WebApp).Assembly);
        // An upload of several files may be as large as the request limit; the form reader buffers big files to disk.
        services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(o => o.MultipartBodyLengthLimit = Uploads.MaxRequestBytes);
        services.AddAntiforgery(o => { o.Cookie.Name = "verwerving-af"; o.HeaderName = "X-CSRF"; o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest; });
        // Behind a reverse proxy on this machine, the original scheme decides whether cookies are Secure.
        services.Configure<Microsoft.AspNetCore.Builder.ForwardedHeadersOptions>(o =>
            o.ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto);
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));

        var app = builder.Build();
        app.UseForwardedHeaders();
        app.Use(SecurityHeaders);
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), a => a.UseStatusCodePagesWithReExecute("/fout/{0}"));
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), a => a.UseStatusCodePages(ApiStatus));
        app.Use(Refusals);
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/site.css", () => Results.Text(SiteCss.Value, "text/css; charset=utf-8")).AllowAnonymous();
        app.MapRazorPages();
        Api.Map(app);
        return app;
    }

    /// <summary>A cookie whose security stamp is no longer the user's (signed out, new password) is refused.</summary>
    private static async Task ValidateStamp(CookieValidatePrincipalContext context)
    {
        var login = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var stamp = context.Principal?.FindFirstValue(LocalAccounts.StampClaim);
        var db = context.HttpContext.RequestServices.GetRequiredService<VerwervingDb>();
        var current = login is null ? null : await db.Users.AsNoTracking().Where(u => u.Login == login).Select(u => u.SecurityStamp).FirstOrDefaultAsync();
        if (current is null || stamp is null || current != stamp)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }

    /// <summary>An API error without a body of its own (401, 404, 405, 415, ...) answers as JSON, like every other API answer.</summary>
    private static Task ApiStatus(Microsoft.AspNetCore.Diagnostics.StatusCodeContext context)
    {
        var status = context.HttpContext.Response.StatusCode;
        var message = status switch
        {
            StatusCodes.Status401Unauthorized => "Niet aangemeld: stuur 'Authorization: Bearer <token>' (verwerving users token GEBRUIKER).",
            StatusCodes.Status403Forbidden => "Geen toegang.",
            StatusCodes.Status404NotFound => "Niet gevonden.",
            StatusCodes.Status405MethodNotAllowed => "Deze methode is hier niet toegestaan.",
            StatusCodes.Status415UnsupportedMediaType => "Verkeerd inhoudstype: stuur application/json (of multipart/form-data voor imports).",
            _ => $"Fout {status}.",
        };
        return context.HttpContext.Response.WriteAsJsonAsync(new { fout = message });
    }

    /// <summary>VERWERVING_KEYS, else ~/.config/verwerving/keys: sign-in cookies survive a restart.</summary>
    private static string KeyFolder() => Environment.GetEnvironmentVariable("VERWERVING_KEYS") is { Length: > 0 } folder ? folder
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config", "verwerving", "keys");

    private static readonly Lazy<string> SiteCss = new(() =>
    {
        using var stream = typeof(WebApp).Assembly.GetManifestResourceStream("site.css")!;
        return new StreamReader(stream).ReadToEnd();
    });

    /// <summary>Tight defaults: no inline scripts at all; inline styles only for the charts' SVG.</summary>
    private static Task SecurityHeaders(HttpContext context, Func<Task> next)
    {
        context.Response.OnStarting(() =>
        {
            var h = context.Response.Headers;
            if (!h.ContainsKey("Content-Security-Policy"))
                h.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                    + "frame-src 'self'; frame-ancestors 'self'; form-action 'self'; base-uri 'none'; object-src 'none'";
            h.XContentTypeOptions = "nosniff";
            h.XFrameOptions = "SAMEORIGIN";
            h["Referrer-Policy"] = "no-referrer";
            h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            h["Cross-Origin-Opener-Policy"] = "same-origin";
            if (context.Request.Path.StartsWithSegments("/api") || context.User.Identity?.IsAuthenticated == true) h.CacheControl = "no-store";
            return Task.CompletedTask;
        });
        return next();
    }

    /// <summary>Turns refusals into status codes: 403 and 404 for pages (shown by the error page) and a Dutch JSON answer for the API.</summary>
    private static async Task Refusals(HttpContext context, Func<Task> next)
    {
        try { await next(); }
        catch (Exception ex) when ((ex is AccessDeniedException or NotFoundException or InputException or DomainException or DbUpdateConcurrencyException
                                    or Microsoft.AspNetCore.Http.BadHttpRequestException || DatabaseOptions.IsConflict(ex)) && !context.Response.HasStarted)
        {
            var (status, message, reasons) = ex switch
            {
                AccessDeniedException => (StatusCodes.Status403Forbidden, ex.Message, (IReadOnlyList<string>)[]),
                NotFoundException => (StatusCodes.Status404NotFound, ex.Message, []),
                RefusedException r => (StatusCodes.Status409Conflict, r.Summary, r.Reasons),
                DomainException => (StatusCodes.Status409Conflict, ex.Message, []),
                Microsoft.AspNetCore.Http.BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => (StatusCodes.Status413PayloadTooLarge,
                    $"De upload is groter dan {Uploads.MaxRequestBytes / 1024 / 1024} MB in totaal (ten hoogste {Uploads.MaxBytes / 1024 / 1024} MB per bestand); stuur minder of kleinere bestanden.", []),
                Microsoft.AspNetCore.Http.BadHttpRequestException bad => (bad.StatusCode, "Het verzoek is onvolledig of onleesbaar; probeer het opnieuw.", []),
                _ when ex is DbUpdateConcurrencyException || DatabaseOptions.IsConflict(ex) => (StatusCodes.Status409Conflict, DatabaseOptions.ConflictMessage, []),
                _ => (StatusCodes.Status400BadRequest, ex.Message, []),
            };
            context.Response.Clear();
            context.Response.StatusCode = status;
            context.Items[ErrorMessageKey] = message;
            if (context.Request.Path.StartsWithSegments("/api"))
                await context.Response.WriteAsJsonAsync(new { fout = message, redenen = reasons });
        }
    }

    public const string ErrorMessageKey = "verwerving.fout";

    private sealed record OidcSettings(string Authority, string ClientId, string? ClientSecret, string LoginClaim, string DisplayName);

    private static OidcSettings? Oidc(IConfiguration configuration)
    {
        var s = configuration.GetSection("Verwerving:Oidc");
        if (string.IsNullOrWhiteSpace(s["Authority"])) return null;
        return new OidcSettings(s["Authority"]!, s["ClientId"] ?? throw new InputException("Verwerving:Oidc:ClientId ontbreekt in de configuratie."),
            s["ClientSecret"], s["LoginClaim"] ?? "preferred_username", s["DisplayName"] ?? "Aanmelden via uw organisatie");
    }

    public static bool OidcConfigured(IConfiguration configuration) => Oidc(configuration) is not null;

    public static string OidcDisplayName(IConfiguration configuration) => Oidc(configuration)?.DisplayName ?? "";

    /// <summary>
    /// An organisation's own sign-in: the identity provider proves who someone is; roles and mandate stay in
    /// Verwerving, matched by login name, so a person unknown here gets no access.
    /// </summary>
    private static void AddOidc(AuthenticationBuilder auth, OidcSettings settings) =>
        auth.AddOpenIdConnect(OidcScheme, settings.DisplayName, o =>
        {
            o.Authority = settings.Authority;
            o.ClientId = settings.ClientId;
            o.ClientSecret = settings.ClientSecret;
            o.ResponseType = "code";
            o.UsePkce = true;
            o.SaveTokens = false;
            o.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            o.Scope.Add("profile");
            o.Events.OnTokenValidated = context =>
            {
                var login = context.Principal?.FindFirstValue(settings.LoginClaim);
                var db = context.HttpContext.RequestServices.GetRequiredService<VerwervingDb>();
                var user = login is null ? null : db.Users.AsNoTracking().FirstOrDefault(u => u.Login == login);
                if (user is null) context.Fail($"Geen gebruiker in Verwerving voor '{settings.LoginClaim}'.");
                else context.Principal = LocalAccounts.Principal(user, CookieAuthenticationDefaults.AuthenticationScheme);
                return Task.CompletedTask;
            };
        });
}

/// <summary>Hosts the timer worker in serve; it stops with the application.</summary>
internal sealed class TimerWorkerService(TimerWorker worker) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() => worker.RunAsync(stoppingToken), stoppingToken);
}
