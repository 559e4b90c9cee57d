using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Verwerving.Domain;
using Verwerving.Workflows;

namespace Verwerving.Web;

/// <summary>What a request does with a record: read it, or change it (which the runtime then judges by role and mandate too).</summary>
public static class Access
{
    public static readonly OperationAuthorizationRequirement Read = new() { Name = "lezen" };
    public static readonly OperationAuthorizationRequirement Manage = new() { Name = "beheren" };
}

/// <summary>A record known by its subject key: a provider's AGB code, an agreement, a finding's or document's subject.</summary>
public sealed record SubjectResource(string Key);

/// <summary>What is about the regions as a whole: tenders, every provider's figures, imports, award criteria, task hand-overs.</summary>
public sealed record RegionResource(string What);

/// <summary>
/// The one place rights on a record are judged, as ASP.NET Core's resource-based authorization: the pages and the JSON API
/// ask <see cref="Rights.Require"/> for a resource and an operation, and this handler answers from the viewer as the
/// database holds him now. Lists are filtered with the same predicates of <see cref="Viewer"/>.
/// </summary>
public sealed class ViewerAuthorizationHandler(IServiceProvider services) : IAuthorizationHandler
{
    public Task HandleAsync(AuthorizationHandlerContext context)
    {
        // The sign-in policy runs on every request, also for someone not signed in: the viewer is read only for a record.
        var operations = context.PendingRequirements.OfType<OperationAuthorizationRequirement>().ToList();
        if (operations.Count == 0) return Task.CompletedTask;
        var viewer = services.GetRequiredService<Viewer>();
        foreach (var requirement in operations)
        {
            if (Refusal(viewer, requirement, context.Resource) is { } why) context.Fail(new AuthorizationFailureReason(this, why));
            else context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }

    private static string? Refusal(Viewer viewer, OperationAuthorizationRequirement operation, object? resource)
    {
        if (operation == Access.Manage && !viewer.IsManager) return "Alleen een contractmanager mag dit.";
        return resource switch
        {
            WorkflowInstance instance when !viewer.SeesInstance(instance) => viewer.IsAlderman
                ? $"Dit besluit valt buiten uw mandaat: het raakt alleen {string.Join(" en ", WorkflowRuntime.RegionsOf(instance))}."
                : "Dit gaat niet over uw organisatie.",
            SubjectResource subject when !viewer.SeesSubject(subject.Key) => "Dit gaat niet over uw organisatie.",
            Agreement agreement when !viewer.SeesProvider(agreement.ProviderId) => "Deze overeenkomst is niet van uw organisatie.",
            RegionResource when !viewer.IsInternal => "Deze pagina is voor de medewerkers en bestuurders van de regio's.",
            _ => null,
        };
    }
}

/// <summary>Asks the authorization service for this request's user; a refusal becomes a 403 with the handler's Dutch reason.</summary>
public sealed class Rights(IAuthorizationService authorization, IHttpContextAccessor http)
{
    public void Require(object resource, OperationAuthorizationRequirement operation)
    {
        var principal = http.HttpContext?.User ?? throw new AccessDeniedException("Meld u aan.");
        var result = authorization.AuthorizeAsync(principal, resource, operation).GetAwaiter().GetResult(); // the handler answers synchronously
        if (!result.Succeeded)
            throw new AccessDeniedException(result.Failure?.FailureReasons.FirstOrDefault()?.Message ?? "U mag dit niet.");
    }
}
