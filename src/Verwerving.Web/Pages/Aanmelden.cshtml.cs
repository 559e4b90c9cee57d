using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Verwerving.Persistence;

namespace Verwerving.Web.Pages;

public sealed class AanmeldenModel(VerwervingDb db, SignInLimiter limiter, IConfiguration configuration) : PageModel
{
    [BindProperty] public string? Login { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }
    public string? Oidc => WebApp.OidcConfigured(configuration) ? WebApp.OidcDisplayName(configuration) : null;

    /// <summary>Only on a demo database does the page name the demo accounts.</summary>
    public bool Demo { get; private set; }

    public void OnGet() => Demo = LocalAccounts.IsDemo(db);

    public async Task<IActionResult> OnPostAsync()
    {
        Demo = LocalAccounts.IsDemo(db);
        var login = Login?.Trim() ?? "";
        if (limiter.Blocked(HttpContext, login))
        {
            Error = "Te veel mislukte aanmeldpogingen; probeer het over een minuut opnieuw.";
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }
        var user = login.Length == 0 ? null : await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Login == login);
        // One message, and the same time, for an unknown name and a wrong password: the page does not tell which accounts exist.
        if (user is null || Password is null || !LocalAccounts.Verify(user, Password))
        {
            if (user is null) LocalAccounts.VerifyUnknown(Password ?? "");
            limiter.Failed(HttpContext, login);
            Error = "Gebruikersnaam of wachtwoord klopt niet.";
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            LocalAccounts.Principal(user, CookieAuthenticationDefaults.AuthenticationScheme));
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }

    public IActionResult OnPostOidc() => Oidc is null
        ? NotFound()
        : Challenge(new AuthenticationProperties { RedirectUri = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/" }, WebApp.OidcScheme);
}
