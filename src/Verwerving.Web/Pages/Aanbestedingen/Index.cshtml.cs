namespace Verwerving.Web.Pages.Aanbestedingen;

public sealed class IndexModel : PortalPageModel
{
    public IReadOnlyList<TenderRow> Tenders { get; private set; } = [];

    public void OnGet() => Tenders = Portal.Tenders();
}
