using Verwerving.Workflows;

namespace Verwerving.Web.Pages.Overeenkomsten;

public sealed class DetailModel : PortalPageModel
{
    public AgreementDetail? Detail { get; private set; }
    public DateOnly Today { get; private set; }

    public void OnGet(string reference)
    {
        Detail = Portal.Agreement(reference);
        Today = WorkCalendar.DateOf(Portal.Now);
    }
}
