using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Verwerving.Domain;
using Verwerving.Persistence;

namespace Verwerving.Web;

/// <summary>
/// Local accounts: passwords hashed by ASP.NET Core Identity's hasher (PBKDF2), API tokens stored as SHA-256
/// only. An organisation with its own sign-in plugs in OpenID Connect instead (see <see cref="WebApp"/>).
/// </summary>
public static class LocalAccounts
{
    /// <summary>The password every demo account gets; the demo is fictitious data only.</summary>
    public const string DemoPassword = "demo-verwerving";

    private static readonly PasswordHasher<User> Hasher = new();

    public static void SetPassword(User user, string password)
    {
        if (password.Length < 12) throw new InputException("Een wachtwoord heeft ten minste 12 tekens.");
        user.SetPasswordHash(Hasher.HashPassword(user, password));
    }

    public static bool Verify(User user, string password) =>
        user.PasswordHash is { } hash && Hasher.VerifyHashedPassword(user, hash, password) != PasswordVerificationResult.Failed;

    // A hash to check against when the account does not exist, so an unknown name takes as long as a wrong password.
    private static readonly Lazy<(User User, string Hash)> Dummy = new(() =>
    {
        var user = new User("onbekend", "onbekend", [Roles.Controller]);
        return (user, Hasher.HashPassword(user, Convert.ToHexString(RandomNumberGenerator.GetBytes(16))));
    });

    /// <summary>Spends the time of a password check and fails: for a sign-in with an unknown name.</summary>
    public static bool VerifyUnknown(string password)
    {
        Hasher.VerifyHashedPassword(Dummy.Value.User, Dummy.Value.Hash, password);
        return false;
    }

    public const string StampClaim = "verwerving:stempel";

    /// <summary>Makes a new API token for <paramref name="user"/>, replacing the previous one; only its hash is stored.</summary>
    public static string NewApiToken(User user)
    {
        var token = "vw_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        user.SetApiTokenHash(TokenHash(token));
        return token;
    }

    public static string TokenHash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Gives every demo user the demo password, so a newcomer can sign in to the web application.</summary>
    public static int SetDemoPasswords(VerwervingDb db)
    {
        var users = db.Users.ToList();
        foreach (var u in users) SetPassword(u, DemoPassword);
        db.SaveChanges();
        return users.Count;
    }

    /// <summary>The claims of a signed-in user: only the login; roles and mandate are read fresh on every request.</summary>
    public static ClaimsPrincipal Principal(User user, string scheme) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user.Login), new Claim(ClaimTypes.Name, user.DisplayName),
            new Claim(StampClaim, user.SecurityStamp)], scheme));

    /// <summary>Whether a demo database: only there does the sign-in page name the demo accounts.</summary>
    public static bool IsDemo(VerwervingDb db) => db.Settings.AsNoTracking().Any(s => s.Key == "demo.seed");
}

/// <summary>Authenticates API calls by <c>Authorization: Bearer vw_...</c>; a region's systems get a token per user.</summary>
public sealed class ApiTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, VerwervingDb db)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal)) return AuthenticateResult.NoResult();
        var hash = LocalAccounts.TokenHash(header["Bearer ".Length..].Trim());
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.ApiTokenHash == hash, Context.RequestAborted);
        return user is null
            ? AuthenticateResult.Fail("Onbekend token.")
            : AuthenticateResult.Success(new AuthenticationTicket(LocalAccounts.Principal(user, SchemeName), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = 401;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Response.WriteAsJsonAsync(new { fout = "Aanmelden vereist: Authorization: Bearer <token> (verwerving users token LOGIN)." });
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = 403;
        return Response.WriteAsJsonAsync(new { fout = "Geen toegang." });
    }
}
