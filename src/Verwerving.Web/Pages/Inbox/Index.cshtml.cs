using Verwerving.Workflows;

namespace Verwerving.Web.Pages.Inbox;

public sealed class IndexModel : PortalPageModel
{
    public IReadOnlyList<TaskView> Tasks { get; private set; } = [];

    public IReadOnlyDictionary<long, string> Subjects { get; private set; } = new Dictionary<long, string>();

    public void OnGet()
    {
        Tasks = Portal.Inbox();
        Subjects = Portal.SubjectLabels(Tasks);
    }
}
