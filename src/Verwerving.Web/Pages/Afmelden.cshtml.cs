using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Verwerving.Persistence;

namespace Verwerving.Web.Pages;

public sealed class AfmeldenModel(VerwervingDb db) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    /// <summary>Signs out here and everywhere: a new security stamp makes every earlier copy of the cookie worthless.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (User.FindFirstValue(ClaimTypes.NameIdentifier) is { } login && db.Users.FirstOrDefault(u => u.Login == login) is { } user)
        {
            user.RenewSecurityStamp();
            await db.SaveChangesAsync();
        }
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Redirect("/aanmelden");
    }
}
