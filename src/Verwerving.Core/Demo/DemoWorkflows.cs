using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Verwerving.Persistence;
using Verwerving.Workflows;

namespace Verwerving.Demo;

public sealed record DemoWorkflowSummary(int Partnerships, int EvaluationsStarted, int Meetings, IReadOnlyList<string> PendingDecisions, DateTime Now);

/// <summary>
/// Puts the demo's processes in motion on the simulated clock, as the people involved would have: in September 2022 the PHO
/// decides on the intended award and the councils are informed; from 2023 every strategic partnership runs, its meetings are
/// recorded and its 3-year evaluation starts; in November 2025 both aldermen decide on the tariff indexation, whose council
/// letter is still owed; and three new PHO decisions wait in the aldermen's inboxes in January 2026.
/// </summary>
public static class DemoWorkflows
{
    /// <summary>When the demo's simulated time begins, a week before the award decision of 2022 is proposed (the aldermen decide on 15 September).</summary>
    public static readonly DateTime ClockStart = new(2022, 9, 1, 8, 0, 0, DateTimeKind.Utc);

    public static DemoWorkflowSummary Start(VerwervingDb db, WorkflowRuntime runtime)
    {
        var partnership = runtime.DefinitionFor(SubjectKind.Agreement)?.Id ?? throw new InvalidOperationException("Er is geen workflowdefinitie voor overeenkomsten.");
        var manager = runtime.RequireUser("contractmanager");
        var aldermen = new[] { runtime.RequireUser("wethouder.zk"), runtime.RequireUser("wethouder.ijmond") };
        var steps = new List<(DateTime At, Action Step)>();
        void At(DateTime at, Action step) => steps.Add((at, step));

        // The decisions already taken: proposed, discussed in the core team, approved by both aldermen a week later.
        foreach (var (subject, proposed, councilsInformed) in new[] { ("PHO-2022-09", new DateTime(2022, 9, 7, 10, 0, 0, DateTimeKind.Utc), (DateOnly?)new DateOnly(2022, 9, 22)),
                     ("PHO-2025-11", new DateTime(2025, 11, 3, 10, 0, 0, DateTimeKind.Utc), null) })
        {
            long id = 0;
            At(proposed, () => id = Propose(runtime, subject, "ZK,IJM", true, manager));
            At(proposed.AddDays(7), () => runtime.Fire(id, "besluiten", aldermen[0]));
            At(proposed.AddDays(8), () => runtime.Fire(id, "besluiten", aldermen[1]));
            if (councilsInformed is { } on)
                At(WorkCalendar.At(on, new TimeOnly(11, 0)), () => runtime.Fire(id, "raden-informeren", manager,
                    new Dictionary<string, string> { ["datum"] = on.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }));
        }

        var agreements = db.Agreements.AsNoTracking().Where(a => a.StrategicPartner).OrderBy(a => a.Reference).ToList();
        var partnerships = new Dictionary<string, long>();
        At(WorkCalendar.StartOf(DemoCase.AgreementStart), () =>
        {
            foreach (var a in agreements) partnerships[a.Reference] = runtime.Start(partnership, a.Reference, manager).Id;
        });
        // Every four months the contract manager records the meeting held with each partner (in its first partnership); one partner
        // missed its kick-off in January 2023, which the governance rules notice. The timers only plan the meetings.
        var partners = agreements.GroupBy(a => a.ProviderId).Select(g => g.First()).ToList();
        var meetings = 0;
        for (var on = DemoCase.AgreementStart.AddDays(14); on < DateOnly.FromDateTime(DemoGenerator.DemoNow); on = on.AddMonths(4))
        {
            var held = on;
            At(WorkCalendar.At(on, new TimeOnly(16, 0)), () =>
            {
                foreach (var partner in partners.Where(p => !(p.Reference.StartsWith("SO-0055", StringComparison.Ordinal) && held == DemoCase.AgreementStart.AddDays(14))))
                {
                    runtime.Fire(partnerships[partner.Reference], "overleg-vastleggen", manager, new Dictionary<string, string>
                    {
                        ["datum"] = held.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        ["deelnemers"] = "Wethouders jeugd Zuid-Kennemerland en IJmond, bestuurder van de partner, contractmanager",
                        ["verslag"] = "Voortgang op wachttijden, acceptatieplicht en omzet tegen plafond besproken; afspraken in de actielijst.",
                    });
                    meetings++;
                }
            });
        }

        var pending = new List<string>();
        At(DemoGenerator.DemoNow, () =>
        {
            foreach (var (subject, scope, councils) in new[] { ("PHO-2026-01", "IJM", false), ("PHO-2026-02", "ZK,IJM", true), ("PHO-2026-03", "ZK", false) })
            {
                Propose(runtime, subject, scope, councils, manager);
                pending.Add(subject);
            }
        });

        // In order of time; the timers that fall due in between fire on the way, as they would on the worker.
        foreach (var (at, step) in steps.OrderBy(s => s.At))
        {
            runtime.AdvanceClock(new DateTimeOffset(at, TimeSpan.Zero));
            step();
        }
        return new DemoWorkflowSummary(agreements.Count, db.Evaluations.Count(), meetings, pending, runtime.Clock.UtcNow);
    }

    /// <summary>A proposal put to the PHO: the contract manager submits it, the core team discusses it and puts it to the aldermen.</summary>
    private static long Propose(WorkflowRuntime runtime, string subject, string scope, bool touchesCouncils, Verwerving.Domain.User manager)
    {
        var proposal = Proposals[subject];
        var definition = runtime.DefinitionFor(SubjectKind.Decision)?.Id ?? throw new InvalidOperationException("Er is geen workflowdefinitie voor besluiten.");
        var id = runtime.Start(definition, subject, manager, new Dictionary<string, string>
        {
            ["regios"] = scope, ["raadspositie"] = touchesCouncils ? "true" : "false", ["titel"] = proposal.Title, ["voorstel"] = proposal.Text,
            ["bedrag"] = proposal.Amount, ["jaar"] = proposal.Year, ["opties"] = proposal.Options, ["advies"] = proposal.Advice,
        }).Id;
        runtime.Fire(id, "indienen", manager);
        runtime.Fire(id, "voorstellen", runtime.RequireUser("kernteam"));
        return id;
    }

    private static readonly Dictionary<string, (string Title, string Text, string Amount, string Year, string Options, string Advice)> Proposals = new()
    {
        ["PHO-2022-09"] = ("Voorgenomen gunning strategische partners jeugdhulp", "Zuid-Kennemerland en IJmond gunnen de percelen van aanbesteding ZKIJ-2022-01 aan de "
                          + "inschrijvers met de hoogste score per perceel en gaan met hen een strategisch partnerschap van negen jaar aan (2023–2031).", "", "2023",
                          "Gunnen volgens de beoordeling;Opnieuw aanbesteden", "instemmen met optie 1: de beoordeling is volgens de gepubliceerde criteria verlopen."),
        ["PHO-2025-11"] = ("Indexatie tarieven jeugdhulp 2026", "Zuid-Kennemerland en IJmond indexeren de tarieven jeugdhulp 2026 met de OVA 2026 en vragen de raden "
                          + "de budgettaire kaders daarop aan te passen.", "", "2026", "", ""),
        ["PHO-2026-01"] = ("Inzet wachtlijstondersteuning IJmond", "IJmond zet in 2026 wachtlijstondersteuning in voor jeugdigen die langer dan de norm wachten op specialistische ambulante hulp, "
                          + "betaald uit het regionale budget van IJmond, binnen de bestaande plafonds.", "350.000", "2026",
                          "Wachtlijstondersteuning door de strategische partners, betaald uit IJmond;Geen extra inzet: wachttijden volgen via de kwartaalmonitor",
                          "instemmen met optie 1: de wachttijden in IJmond liggen boven de norm."),
        ["PHO-2026-02"] = ("Indexatie omzetplafonds strategische partners 2026", "Zuid-Kennemerland en IJmond verhogen de omzetplafonds 2026 van de strategische partners met de indexatie, "
                          + "en vragen de raden de budgettaire kaders daarop aan te passen.", "1.850.000,00", "2026",
                          "Plafonds verhogen met de volledige indexatie (OVA 2026);Plafonds verhogen met de helft van de indexatie;Plafonds niet verhogen",
                          "instemmen met optie 1: zonder indexatie komen de partners in 2026 boven hun plafond en dreigt een wachtlijst."),
        ["PHO-2026-03"] = ("Pilot jeugdhulp op school Zuid-Kennemerland", "Zuid-Kennemerland start in 2026 een pilot met jeugdhulp op de scholen voor voortgezet onderwijs, "
                          + "betaald uit het regionale budget van Zuid-Kennemerland, binnen de bestaande plafonds.", "240.000", "2026", "", ""),
    };
}
