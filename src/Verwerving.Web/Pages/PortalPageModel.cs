using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using Verwerving.Domain;
using Verwerving.Workflows;

namespace Verwerving.Web.Pages;

/// <summary>A refusal as the user reads it: what was refused and every reason (guards, findings, mandate).</summary>
public sealed record Refusal(string Message, IReadOnlyList<string> Reasons);

/// <summary>The base of every signed-in page: the <see cref="Portal"/> applies the user's rights.</summary>
public abstract class PortalPageModel : PageModel
{
    private Portal? _portal;

    protected Portal Portal => _portal ??= HttpContext.RequestServices.GetRequiredService<Portal>();

    public Viewer Viewer => Portal.Viewer;

    public Refusal? Refused { get; protected set; }

    /// <summary>Runs a change; a refusal by a rule, guard or mandate, or bad input, is shown on the page instead of an error.</summary>
    protected bool Attempt(Action change)
    {
        try
        {
            change();
            return true;
        }
        catch (RefusedException ex)
        {
            Refused = new Refusal(ex.Summary, ex.Reasons);
        }
        catch (Exception ex) when (ex is DomainException or InputException)
        {
            Refused = new Refusal(ex.Message, []);
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException)
        {
            Refused = new Refusal("Iemand anders heeft dit intussen gewijzigd; bekijk de nieuwe stand en probeer het opnieuw.", []);
        }
        Response.StatusCode = Microsoft.AspNetCore.Http.StatusCodes.Status409Conflict;
        return false;
    }
}
