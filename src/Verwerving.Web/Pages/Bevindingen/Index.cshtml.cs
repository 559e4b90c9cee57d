using Microsoft.AspNetCore.Mvc;

namespace Verwerving.Web.Pages.Bevindingen;

public sealed class IndexModel : PortalPageModel
{
    [BindProperty(SupportsGet = true)] public string Status { get; set; } = "open";
    [BindProperty(SupportsGet = true)] public string? Set { get; set; }
    [BindProperty(SupportsGet = true)] public string? Severity { get; set; }
    [BindProperty(SupportsGet = true)] public string? Subject { get; set; }
    public IReadOnlyList<FindingRow> Findings { get; private set; } = [];

    public void OnGet() => Findings = Portal.Findings(new FindingFilter(Status, Set, Severity, Subject));
}
