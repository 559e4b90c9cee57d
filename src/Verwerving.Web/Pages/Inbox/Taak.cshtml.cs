using Microsoft.AspNetCore.Mvc;
using Verwerving.Workflows;

namespace Verwerving.Web.Pages.Inbox;

public sealed class TaakModel : PortalPageModel
{
    public TaskDetail? Detail { get; private set; }
    public string? Done { get; private set; }
    public long InstanceId { get; private set; }

    public void OnGet(long id) => Detail = Portal.Task(id);

    public IActionResult OnPost(long id, string outcome, string? reason, string? key)
    {
        FireResult? result = null;
        if (Attempt(() => result = Portal.Complete(id, outcome, reason, key)))
        {
            Done = result!.Message;
            InstanceId = result.InstanceId;
        }
        else Detail = Portal.Task(id);
        return Page();
    }
}
