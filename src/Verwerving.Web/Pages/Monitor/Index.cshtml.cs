using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Verwerving.Documents;
using Verwerving.Persistence;
using Verwerving.Rules;
using Verwerving.Text;
using Verwerving.Workflows;

namespace Verwerving.Web.Pages.Monitor;

public sealed record ProviderLink(string Agb, string Name, string AccountHolder);

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
            var db = HttpContext.RequestServices.GetRequiredService<VerwervingDb>();
            Providers = db.Providers.AsNoTracking().OrderBy(p => p.Name).ToList()
                .Select(p => new ProviderLink(p.AgbCode, p.Name, p.AccountHoldingRegionCode ?? "—")).ToList();
            return Page();
        }
        Monitor = Portal.Monitor(subject, Year, Quarter);
        var parts = Monitor.Quarter.Split(" K");
        (Year, Quarter) = (int.Parse(parts[0], Nl.Culture), int.Parse(parts[1], Nl.Culture));
        if (Monitor.Kind == "aanbieder")
        {
            var db = HttpContext.RequestServices.GetRequiredService<VerwervingDb>();
            EscalationId = db.Set<WorkflowInstance>().AsNoTracking().Where(i => i.DefinitionId == Escalation.Workflow && i.SubjectKey == subject)
                .OrderByDescending(i => i.Id).Select(i => (long?)i.Id).FirstOrDefault();
        }
        return Page();
    }
}
