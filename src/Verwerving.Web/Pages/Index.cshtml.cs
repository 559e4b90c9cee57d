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
        var findings = Portal.Findings(new FindingFilter(Limit: 5000));
        Findings = findings.Count;
        Blocking = findings.Count(f => f.Severity == "blocking");
        if (Viewer.IsInternal) Tenders = Portal.Tenders().Count;
    }
}
