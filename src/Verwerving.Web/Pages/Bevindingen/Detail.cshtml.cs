namespace Verwerving.Web.Pages.Bevindingen;

public sealed class DetailModel : PortalPageModel
{
    public FindingRow? Finding { get; private set; }

    public void OnGet(long id) => Finding = Portal.Finding(id);
}
