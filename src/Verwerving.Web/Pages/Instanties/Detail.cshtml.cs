using Microsoft.AspNetCore.Mvc;
using Verwerving.Workflows;

namespace Verwerving.Web.Pages.Instanties;

public sealed class DetailModel : PortalPageModel
{
    public InstancePage? Instance { get; private set; }
    public string? Done { get; private set; }

    public void OnGet(long id) => Instance = Portal.Instance(id);

    /// <summary>Fires a trigger; form fields named p.NAME are its parameters, and the form's key makes a double submit harmless.</summary>
    public IActionResult OnPostFire(long id, string trigger, string? key)
    {
        var parameters = Request.Form.Where(f => f.Key.StartsWith("p.", StringComparison.Ordinal) && !string.IsNullOrWhiteSpace(f.Value))
            .ToDictionary(f => f.Key[2..], f => f.Value.ToString());
        FireResult? result = null;
        Attempt(() => result = Portal.Fire(id, trigger, parameters, key, confirmed: Request.Form["bevestigd"] == "ja"));
        if (result is not null) Done = result.Message;
        Instance = Portal.Instance(id);
        return Page();
    }

    public IActionResult OnPostReassign(long id, long task, string to)
    {
        HumanTask? done = null;
        Attempt(() => done = Portal.Reassign(task, to));
        Instance = Portal.Instance(id);
        if (done is not null) Done = $"De taak \"{done.Title}\" is toegewezen aan {Instance.PersonName(done.AssignedTo)}.";
        return Page();
    }

    public IActionResult OnPostRetry(long id, long timer)
    {
        if (Attempt(() => Portal.RetryIncident(id, timer))) Done = "De timer staat weer in de rij en wordt zo opnieuw geprobeerd.";
        Instance = Portal.Instance(id);
        return Page();
    }
}
