using Verwerving.Workflows;
using System.CommandLine;
using System.Globalization;
using Verwerving.Demo;
using Verwerving.Privacy;

namespace Verwerving.Cli;

internal static class DemoCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var seed = new Option<int>("--seed") { Description = "Startwaarde voor de demogegevens (zelfde seed, zelfde cijfers)", DefaultValueFactory = _ => DemoGenerator.DefaultSeed };
        var command = new Command("demo", "Maakt een nieuwe database met demogegevens voor IJmond en Zuid-Kennemerland (vervangt de bestaande)");
        var serve = new Option<bool>("--serve") { Description = "Start daarna de webapplicatie op deze database (zie 'serve')" };
        command.Options.Add(seed);
        command.Options.Add(serve);
        command.Options.Add(ServeCommand.UrlsOption);
        command.SetAction(Cli.Action(output, error, (parse, ctx) =>
        {
            ctx.Database.Delete();
            using var db = ctx.OpenDb();
            var summary = new DemoGenerator(db, Pseudonymizer.FromConfiguration(), parse.GetValue(seed)).Generate(ctx.Database.Describe());
            db.ChangeTracker.Clear();
            var factory = WorkflowCommands.Factory(parse);
            var workflows = DemoWorkflows.Start(db, factory.For(db));
            db.ChangeTracker.Clear();
            var clock = Verwerving.Workflows.DatabaseClock.Load(db);
            var today = WorkCalendar.DateOf(clock.UtcNow);
            var (check, escalations) = factory.UseCases(db)
                .Check(new Verwerving.Rules.CheckScope(new DateOnly(DemoGenerator.FirstYear, 1, 1), today), Verwerving.Domain.Roles.System);
            db.ChangeTracker.Clear();
            var documentCount = Verwerving.Documents.DemoDocuments.Make(db, factory.Documents, factory.For(db));
            db.ChangeTracker.Clear();
            Verwerving.Web.LocalAccounts.SetDemoPasswords(db);
            var findings = check.Standing.GroupBy(f => f.RuleSet).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());
            ctx.Print(new { summary, workflows, findings, escalations, documents = documentCount }, w =>
            {
                Write(w, summary);
                w.WriteLine($"  Workflows: {workflows.Partnerships} strategische partnerschappen lopen sinds 2023 ({workflows.Meetings} bestuurlijke overleggen, " +
                            $"{workflows.EvaluationsStarted} evaluaties na 3 jaar gestart); ter besluit in het PHO: {string.Join(", ", workflows.PendingDecisions)}");
                w.WriteLine($"  Bevindingen van de regels: {check.Standing.Count} ({string.Join(", ", findings.Select(f => $"{f.Key} {f.Value}"))}); " +
                            $"escalatie continuïteitsrisico gestart voor {escalations.Count} aanbieder(s)");
                w.WriteLine($"  Documenten: {documentCount} (besluitnota's, evaluatierapport, gunningsbeslissing, dialoogverslag, raadsinformatiebrief, kwartaalmonitors, continuïteitssignaal)");
                w.WriteLine($"  Gesimuleerde klok: {workflows.Now:yyyy-MM-dd HH:mm} UTC");
                w.WriteLine();
                w.WriteLine($"  Webapplicatie: ./verwerving serve, aanmelden met een van de gebruikers hierboven en wachtwoord {Verwerving.Web.LocalAccounts.DemoPassword}");
                w.WriteLine();
                w.WriteLine("Verder: ./verwerving check    ./verwerving findings list    ./verwerving inbox --as wethouder.ijmond    ./verwerving documents list");
            });
            if (parse.GetValue(serve))
            {
                db.Dispose();
                return ServeCommand.Serve(parse, ctx);
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    internal static void Write(TextWriter w, DemoSummary s)
    {
        var nl = CultureInfo.GetCultureInfo("nl-NL");
        string N(long v) => v.ToString("N0", nl);
        string P(double v) => v.ToString("P1", nl);
        string Euro(long cents) => (cents / 100m / 1_000_000m).ToString("N1", nl) + " mln";
        w.WriteLine($"Demodatabase aangemaakt: {s.Database} (seed {s.Seed}, {s.Seconds.ToString("N1", nl)} s)");
        w.WriteLine();
        foreach (var r in s.Regions)
            w.WriteLine($"  {r.Name}: {r.Municipalities} gemeenten, {N(r.YouthPopulation)} jeugdigen, {N(r.ClientsInCare)} in zorg in {s.Year} ({P(r.ShareInCare)}); " +
                        $"uitgaven € {Euro(r.SpendCents)} tegen budget € {Euro(r.BudgetCents)}");
        w.WriteLine($"  Groei {s.Year - 2}–{s.Year}: cliënten {P(s.ClientGrowth)}, kosten {P(s.CostGrowth)}");
        w.WriteLine($"  Aanbieders: {s.Providers}; grootste: {s.LargestProvider}, accounthoudende regio {s.AccountHoldingRegion}");
        w.WriteLine($"  Percelen: {s.Lots}; overeenkomsten: {s.Agreements} (looptijd 9 jaar, evaluatie na 3 en 6 jaar)");
        w.WriteLine($"  Verwijzingen: {N(s.Referrals)}, waarvan {N(s.RefusedReferrals)} geweigerd; toewijzingen: {N(s.CarePeriods)}");
        w.WriteLine($"  Declaratieregels: {N(s.InvoiceLines)} (€ {Euro(s.InvoicedCents)})");
        w.WriteLine($"  Budgetten: {s.BudgetFrames}; kwaliteitsmetingen: {N(s.QualityMeasurements)}");
        w.WriteLine($"  Gebruikers: {string.Join(", ", s.Users)}");
    }
}
