namespace Verwerving.Web.Pages;

public sealed class BesluitenModel : PortalPageModel
{
    public IReadOnlyList<ActionRow> Actions { get; private set; } = [];

    public void OnGet() => Actions = Portal.MyActions();
}
