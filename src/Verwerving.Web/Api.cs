using Verwerving.Import;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Verwerving.Workflows;

namespace Verwerving.Web;

public sealed record FireRequest(string Trigger, Dictionary<string, string>? Parameters, string? Key);
public sealed record TaskRequest(string Outcome, string? Reason, string? Key);

/// <summary>
/// The JSON API for a region's own systems: the same operations as the pages, through the same
/// <see cref="Portal"/>, authenticated by a personal API token (so no cookies and no cross-site forms).
/// </summary>
public static class Api
{
    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(new AuthorizationPolicyBuilder(ApiTokenHandler.SchemeName).RequireAuthenticatedUser().Build());
        api.MapGet("/me", (Portal p) => new
        {
            login = p.Viewer.Login, naam = p.Viewer.User.DisplayName, rollen = p.Viewer.User.RoleList, regio = p.Viewer.User.RegionCode,
            aanbieder = p.Viewer.Provider?.AgbCode,
        });
        api.MapGet("/tenders", (Portal p) => p.Tenders());
        api.MapGet("/tenders/{reference}", (Portal p, string reference) => p.Tender(reference));
        api.MapPost("/tenders/{reference}/workflow", (Portal p, string reference) => Results.Ok(new { instantie = p.StartTenderWorkflow(reference) }));
        api.MapGet("/agreements", (Portal p) => p.Agreements());
        api.MapGet("/agreements/{reference}", (Portal p, string reference) => p.Agreement(reference));
        api.MapGet("/findings", (Portal p, string? status, string? set, string? severity, string? subject) =>
            p.Findings(new FindingFilter(status ?? "open", set, severity, subject)));
        api.MapGet("/findings/{id:long}", (Portal p, long id) => p.Finding(id));
        api.MapGet("/instances", (Portal p) => p.Instances());
        api.MapGet("/instances/{id:long}", (Portal p, long id) => p.Instance(id));
        api.MapPost("/instances/{id:long}/fire", (Portal p, long id, FireRequest request) =>
            p.Fire(id, request.Trigger, request.Parameters ?? [], request.Key));
        api.MapGet("/inbox", (Portal p) => p.Inbox());
        api.MapGet("/inbox/{taskId:long}", (Portal p, long taskId) => p.Task(taskId));
        api.MapPost("/inbox/{taskId:long}", (Portal p, long taskId, TaskRequest request) => p.Complete(taskId, request.Outcome, request.Reason, request.Key));
        api.MapGet("/actions", (Portal p) => p.MyActions());
        api.MapGet("/monitor/{subject}", (Portal p, string subject, int? year, int? quarter) => p.Monitor(subject, year, quarter));
        api.MapGet("/documents/{id:long}", (Portal p, long id) =>
        {
            var d = p.Document(id);
            return Results.Content(d.Html, "text/html; charset=utf-8");
        });
        api.MapPost("/imports/{kind}", async (Portal p, string kind, HttpRequest request) =>
        {
            if (!request.HasFormContentType) return Results.BadRequest(new { fout = "Stuur de bestanden als multipart/form-data." });
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            // One answer per file: what was imported and what was refused (422 when any was refused).
            var reports = p.Import(kind, Uploads.Of(form.Files));
            return reports.Any(r => r.Status == ImportStatus.Refused) ? Results.UnprocessableEntity(reports) : Results.Ok(reports);
        }).DisableAntiforgery().WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(Uploads.MaxRequestBytes));
    }
}

/// <summary>An uploaded file, read when an import asks for it rather than all at once.</summary>
public sealed record Upload(string Name, long Length, Func<Stream> Open);

/// <summary>Uploaded files within a size limit; an import takes a file whole or not at all.</summary>
public static class Uploads
{
    public const long MaxBytes = 64L * 1024 * 1024;

    /// <summary>All files of one upload together (four files of the maximum size).</summary>
    public const long MaxRequestBytes = MaxBytes * 4;

    public static IReadOnlyList<Upload> Of(IEnumerable<IFormFile> files) =>
        files.Select(f => f.Length > MaxBytes
                ? throw new Domain.InputException($"{Verwerving.Privacy.Pseudonymizer.MaskBsns(Path.GetFileName(f.FileName))}: groter dan {MaxBytes / 1024 / 1024} MB.")
                : new Upload(f.FileName, f.Length, f.OpenReadStream))
            .ToList();

    /// <summary>The file's bytes in one array of its exact size.</summary>
    public static byte[] Bytes(Upload upload)
    {
        var bytes = new byte[upload.Length];
        using var stream = upload.Open();
        stream.ReadExactly(bytes);
        return bytes;
    }
}
