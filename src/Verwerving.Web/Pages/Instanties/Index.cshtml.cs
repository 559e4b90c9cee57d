namespace Verwerving.Web.Pages.Instanties;

public sealed class IndexModel : PortalPageModel
{
    public IReadOnlyList<InstanceRow> Instances { get; private set; } = [];

    public void OnGet() => Instances = Portal.Instances();
}
