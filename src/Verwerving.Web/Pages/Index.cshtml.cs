namespace Verwerving.Web.Pages;

public sealed class IndexModel : PortalPageModel
{
    public int Tasks { get; private set; }
    public int Agreements { get; private set; }
    public int Findings { get; private set; }
    public int Blocking { get; private set; }
    public int Tenders { get; private set; }
    public DateTime Now { get; private set; }

    public void OnGet()
    {
        Now = Portal.Now;
        Tasks = Portal.Inbox().Count;
        Agreements = Portal.Agreements().Count;
        (Findings, Blocking) = Portal.FindingCounts();
        if (Viewer.IsInternal) Tenders = Portal.Tenders().Count;
    }
}
