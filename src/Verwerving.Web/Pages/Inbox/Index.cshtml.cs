using Verwerving.Workflows;

namespace Verwerving.Web.Pages.Inbox;

public sealed class IndexModel : PortalPageModel
{
    public IReadOnlyList<TaskView> Tasks { get; private set; } = [];

    public void OnGet() => Tasks = Portal.Inbox();
}
