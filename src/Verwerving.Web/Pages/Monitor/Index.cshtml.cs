using Microsoft.AspNetCore.Mvc;
using Verwerving.Documents;

namespace Verwerving.Web.Pages.Monitor;

public sealed class IndexModel : PortalPageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public int? Quarter { get; set; }
    public MonitorModel? Monitor { get; private set; }
    public long? EscalationId { get; private set; }
    public IReadOnlyList<ProviderLink> Providers { get; private set; } = [];

    public IActionResult OnGet(string? subject)
    {
        if (subject is null)
        {
            if (Viewer.IsProvider) return Redirect($"/monitor/{Viewer.Provider!.AgbCode}");
            Providers = Portal.MonitorProviders();
            return Page();
        }
        var last = Portal.LastQuarter();
        (Year, Quarter) = (Year ?? last.Year, Quarter ?? last.Quarter);
        Monitor = Portal.Monitor(subject, Year, Quarter);
        if (Monitor.Kind == "aanbieder") EscalationId = Portal.EscalationOf(subject);
        return Page();
    }
}
