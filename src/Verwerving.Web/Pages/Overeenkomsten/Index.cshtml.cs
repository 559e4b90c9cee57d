namespace Verwerving.Web.Pages.Overeenkomsten;

public sealed class IndexModel : PortalPageModel
{
    public IReadOnlyList<AgreementRow> Agreements { get; private set; } = [];

    public void OnGet() => Agreements = Portal.Agreements();
}
