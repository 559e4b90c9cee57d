using Microsoft.AspNetCore.Mvc;

namespace Verwerving.Web.Pages.Aanbestedingen;

public sealed class DetailModel : PortalPageModel
{
    public TenderDetail? Detail { get; private set; }

    public void OnGet(string reference) => Detail = Portal.Tender(reference);

    public IActionResult OnPostStart(string reference)
    {
        long id = 0;
        if (Attempt(() => id = Portal.StartTenderWorkflow(reference))) return Redirect($"/instanties/{id}");
        Detail = Portal.Tender(reference);
        return Page();
    }
}
