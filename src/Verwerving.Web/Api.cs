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
            return Results.Ok(p.Import(kind, await Uploads.Read(form.Files, request.HttpContext.RequestAborted)));
        }).DisableAntiforgery();
    }
}

/// <summary>Reads uploaded files into memory within a size limit; an import takes a file whole or not at all.</summary>
public static class Uploads
{
    public const long MaxBytes = 64L * 1024 * 1024;

    public static async Task<IReadOnlyList<(string Name, byte[] Content)>> Read(IEnumerable<IFormFile> files, CancellationToken cancel)
    {
        var result = new List<(string, byte[])>();
        foreach (var f in files)
        {
            if (f.Length > MaxBytes) throw new Domain.InputException($"{Path.GetFileName(f.FileName)}: groter dan {MaxBytes / 1024 / 1024} MB.");
            using var buffer = new MemoryStream();
            await f.CopyToAsync(buffer, cancel);
            result.Add((f.FileName, buffer.ToArray()));
        }
        return result;
    }
}
