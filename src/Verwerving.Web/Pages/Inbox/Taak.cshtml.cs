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
        var values = Request.Form.Where(f => f.Key.StartsWith("p.", StringComparison.Ordinal) && !string.IsNullOrWhiteSpace(f.Value))
            .ToDictionary(f => f.Key[2..], f => f.Value.ToString());
        FireResult? result = null;
        if (Attempt(() => result = Portal.Complete(id, outcome, reason, key, values)))
        {
            Done = result!.Message;
            InstanceId = result.InstanceId;
        }
        else Detail = Portal.Task(id);
        return Page();
    }
}
