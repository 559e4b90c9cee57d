using Microsoft.AspNetCore.Mvc;
using Verwerving.Import;

namespace Verwerving.Web.Pages;

[RequestSizeLimit(Uploads.MaxRequestBytes)]
public sealed class ImportModel : PortalPageModel
{
    public IReadOnlyList<ImportReport>? Reports { get; private set; }

    public void OnGet() => Portal.RequireManager();

    public void OnPost(string kind, List<Microsoft.AspNetCore.Http.IFormFile> files)
    {
        Portal.RequireManager();
        var uploads = Uploads.Of(files);
        IReadOnlyList<ImportReport>? reports = null;
        Attempt(() => reports = Portal.Import(kind, uploads));
        Reports = reports;
        if (reports?.Any(r => r.Status == ImportStatus.Refused) == true) Response.StatusCode = Microsoft.AspNetCore.Http.StatusCodes.Status422UnprocessableEntity;
    }
}
