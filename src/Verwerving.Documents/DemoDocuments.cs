using Microsoft.EntityFrameworkCore;
using Verwerving.Domain;
using Verwerving.Persistence;
using Verwerving.Rules;
using Verwerving.Workflows;

namespace Verwerving.Documents;

/// <summary>
/// The demo's documents: one 3-year evaluation taken through its workflow up to the PHO (its report is
/// rendered on the way), and on request the award letter and dialogue minutes of the 2022 tender, the
/// quarterly monitors and a continuity signal. The decisions' memos and council letters come from their workflows.
/// </summary>
public static class DemoDocuments
{
    public static int Make(VerwervingDb db, DocumentService documents, WorkflowRuntime runtime)
    {
        var open = db.Evaluations.AsNoTracking().Where(e => e.Outcome == null).Select(e => e.Key).ToList();
        var evaluation = db.Set<WorkflowInstance>().AsNoTracking().Where(i => open.Contains(i.SubjectKey) && !i.Completed).OrderBy(i => i.SubjectKey).First();
        runtime.Fire(evaluation.Id, "cijfers-compleet", runtime.RequireUser("contractmanager"));
        runtime.Fire(evaluation.Id, "toetsing-afgerond", runtime.RequireUser("contractmanager"));
        runtime.Fire(evaluation.Id, "rapport-vastgesteld", runtime.RequireUser("contractmanager"));
        runtime.Fire(evaluation.Id, "dialoog-gevoerd", runtime.RequireUser("contractmanager"), new Dictionary<string, string>
        {
            ["reactie-partner"] = "De partner herkent de wachttijden in 2025 en zet extra behandelcapaciteit in; de weigeringen betroffen verwijzingen buiten het perceel.",
        });
        runtime.Fire(evaluation.Id, "voorstellen", runtime.RequireUser("kernteam"), new Dictionary<string, string> { ["besluit"] = "voortzetten" });

        var now = runtime.Clock.UtcNow;
        using var tx = db.Database.BeginTransaction();
        documents.RenderFor(db, "gunningsbeslissing", "ZKIJ-2022-01", now, Roles.System);
        documents.RenderFor(db, "dialoogronde-verslag", "ZKIJ-2022-01", now, Roles.System);
        var year = now.Year - (now.Month <= 3 ? 1 : 0);
        var quarter = now.Month <= 3 ? 4 : (now.Month - 1) / 3;
        foreach (var region in new[] { "ZK", "IJM" }) documents.RenderFor(db, "kwartaalmonitor", region, now, Roles.System, year, quarter);
        var accountHeld = db.Providers.AsNoTracking().Where(p => p.AccountHoldingRegionCode != null).OrderBy(p => p.AgbCode).First();
        documents.RenderFor(db, "kwartaalmonitor", accountHeld.AgbCode, now, Roles.System, year, quarter);

        db.SaveChanges();
        tx.Commit();
        return db.Documents.Count();
    }
}
