using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Verwerving.Web.Pages;

/// <summary>The Dutch page for an error status; the status itself stays (403 stays 403).</summary>
[IgnoreAntiforgeryToken]
public sealed class FoutModel : PageModel
{
    public int Code { get; private set; }
    public string Title { get; private set; } = "";
    public string Message { get; private set; } = "";

    public void OnGet(int code) => Describe(code);

    public void OnPost(int code) => Describe(code);

    private void Describe(int code)
    {
        Code = code;
        var detail = HttpContext.Items[WebApp.ErrorMessageKey] as string;
        (Title, Message) = code switch
        {
            403 => ("Geen toegang", detail ?? "U heeft geen toegang tot deze pagina."),
            404 => ("Niet gevonden", detail ?? "Deze pagina bestaat niet."),
            400 => ("Onjuiste aanvraag", detail ?? "Het verzoek was onvolledig of verlopen (bijvoorbeeld een formulier dat te lang open stond). Laad de pagina opnieuw."),
            429 => ("Te veel pogingen", "Te veel verzoeken; probeer het over een minuut opnieuw."),
            413 => ("Te groot", detail ?? "De upload is te groot; stuur minder of kleinere bestanden."),
            _ => ("Er ging iets mis", detail ?? $"Foutcode {code}."),
        };
        if (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null) Response.StatusCode = code;
    }
}
