using Microsoft.AspNetCore.Mvc;

namespace Verwerving.Web.Pages.Aanbestedingen;

public sealed class DetailModel : PortalPageModel
{
    public TenderDetail? Detail { get; private set; }

    public void OnGet(string reference) => Detail = Portal.Tender(reference);

    public string? Done { get; private set; }

    public IActionResult OnPostCriteria(string reference, string criteria)
    {
        IReadOnlyList<string> standing = [];
        if (Attempt(() => standing = Portal.SetCriteria(reference, criteria ?? "")))
            Done = "Gunningscriteria vastgesteld." + (standing.Count == 0 ? " De aanbesteding heeft geen bevindingen meer." : $" Nog {standing.Count} bevinding(en).");
        Detail = Portal.Tender(reference);
        return Page();
    }

    public IActionResult OnPostStart(string reference)
    {
        long id = 0;
        if (Attempt(() => id = Portal.StartTenderWorkflow(reference))) return Redirect($"/instanties/{id}");
        Detail = Portal.Tender(reference);
        return Page();
    }
}
