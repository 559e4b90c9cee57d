using Microsoft.AspNetCore.Mvc;

namespace Verwerving.Web.Pages.Documenten;

/// <summary>A stored document as its own HTML page, sandboxed: it may style itself but never run script or reach out.</summary>
public sealed class DetailModel : PortalPageModel
{
    public IActionResult OnGet(long id)
    {
        var document = Portal.Document(id);
        Response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'";
        return Content(document.Html, "text/html; charset=utf-8");
    }
}
