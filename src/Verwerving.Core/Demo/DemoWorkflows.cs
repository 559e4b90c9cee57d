using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Verwerving.Persistence;
using Verwerving.Workflows;

namespace Verwerving.Demo;

public sealed record DemoWorkflowSummary(int Partnerships, int EvaluationsStarted, int Meetings, IReadOnlyList<string> PendingDecisions, DateTime Now);

/// <summary>
/// Puts the demo's processes in motion: every strategic partnership runs from its start in 2023 on the
/// simulated clock up to January 2026, so its meetings and its 3-year evaluation are on record, and two
/// PHO decisions wait in the aldermen's inboxes.
/// </summary>
public static class DemoWorkflows
{
    public static DemoWorkflowSummary Start(VerwervingDb db, DefinitionCatalog catalog, IRuleGuard? rules = null, IDocumentRenderer? documents = null)
    {
        var runtime = new WorkflowRuntime(db, catalog, DatabaseClock.Load(db), rules, documents);
        var manager = runtime.RequireUser("contractmanager");
        var coreTeam = runtime.RequireUser("kernteam");
        var agreements = db.Agreements.AsNoTracking().Where(a => a.StrategicPartner).OrderBy(a => a.Reference).ToList();
        var partnerships = agreements.ToDictionary(a => a.Reference, a => runtime.Start("strategisch-partnerschap", a.Reference, manager).Id);
        // Every four months the contract manager records the meeting held with each partner (in its first partnership); one partner
        // missed its kick-off in January 2023, which the governance rules notice. The timers only plan the meetings.
        var partners = agreements.GroupBy(a => a.ProviderId).Select(g => g.First()).ToList();
        var fired = new List<FireResult>();
        var meetings = 0;
        for (var on = DemoCase.AgreementStart.AddDays(14); on < DateOnly.FromDateTime(DemoGenerator.DemoNow); on = on.AddMonths(4))
        {
            fired.AddRange(runtime.AdvanceClock(new DateTimeOffset(WorkCalendar.At(on, new TimeOnly(16, 0)), TimeSpan.Zero)));
            foreach (var partner in partners.Where(p => !(p.Reference.StartsWith("SO-0055", StringComparison.Ordinal) && on == DemoCase.AgreementStart.AddDays(14))))
            {
                runtime.Fire(partnerships[partner.Reference], "overleg-vastleggen", manager, new Dictionary<string, string>
                {
                    ["datum"] = on.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ["deelnemers"] = "Wethouders jeugd Zuid-Kennemerland en IJmond, bestuurder van de partner, contractmanager",
                    ["verslag"] = "Voortgang op wachttijden, acceptatieplicht en omzet tegen plafond besproken; afspraken in de actielijst.",
                });
                meetings++;
            }
        }
        fired.AddRange(runtime.AdvanceClock(new DateTimeOffset(DemoGenerator.DemoNow, TimeSpan.Zero)));

        var pending = new List<string>();
        foreach (var (subject, scope, councils) in new[] { ("PHO-2026-01", "IJM", "false"), ("PHO-2026-02", "ZK,IJM", "true"), ("PHO-2026-03", "ZK", "false") })
        {
            var id = runtime.Start("bestuurlijk-besluit", subject, manager, new Dictionary<string, string>
            {
                ["regios"] = scope, ["raadspositie"] = councils, ["titel"] = Proposals[subject].Title, ["voorstel"] = Proposals[subject].Text,
                ["bedrag"] = Proposals[subject].Amount, ["jaar"] = "2026", ["opties"] = Proposals[subject].Options, ["advies"] = Proposals[subject].Advice,
            }).Id;
            runtime.Fire(id, "indienen", manager);
            runtime.Fire(id, "voorstellen", coreTeam);
            pending.Add(subject);
        }
        var ids = partnerships.Values.ToList();
        var evaluations = db.Set<WorkflowInstance>().AsNoTracking().Count(i => i.ParentId != null && ids.Contains(i.ParentId.Value));
        return new DemoWorkflowSummary(agreements.Count, evaluations, meetings,
            pending, runtime.Clock.UtcNow);
    }

    private static readonly Dictionary<string, (string Title, string Text, string Amount, string Options, string Advice)> Proposals = new()
    {
        ["PHO-2026-01"] = ("Inzet wachtlijstondersteuning IJmond", "IJmond zet in 2026 wachtlijstondersteuning in voor jeugdigen die langer dan de norm wachten op specialistische ambulante hulp, "
                          + "betaald uit het regionale budget van IJmond, binnen de bestaande plafonds.", "350.000",
                          "Wachtlijstondersteuning door de strategische partners, betaald uit IJmond;Geen extra inzet: wachttijden volgen via de kwartaalmonitor",
                          "instemmen met optie 1: de wachttijden in IJmond liggen boven de norm."),
        ["PHO-2026-02"] = ("Indexatie omzetplafonds strategische partners 2026", "Zuid-Kennemerland en IJmond verhogen de omzetplafonds 2026 van de strategische partners met de indexatie, "
                          + "en vragen de raden de budgettaire kaders daarop aan te passen.", "1.850.000,00",
                          "Plafonds verhogen met de volledige indexatie (OVA 2026);Plafonds verhogen met de helft van de indexatie;Plafonds niet verhogen",
                          "instemmen met optie 1: zonder indexatie komen de partners in 2026 boven hun plafond en dreigt een wachtlijst."),
        ["PHO-2026-03"] = ("Pilot jeugdhulp op school Zuid-Kennemerland", "Zuid-Kennemerland start in 2026 een pilot met jeugdhulp op de scholen voor voortgezet onderwijs, "
                          + "betaald uit het regionale budget van Zuid-Kennemerland, binnen de bestaande plafonds.", "240.000", "", ""),
    };
}
