using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Verwerving.Cli;
using Verwerving.Domain;
using Verwerving.Persistence;
using Verwerving.Rules;
using Verwerving.Workflows;

namespace Verwerving.Tests.Rules;

/// <summary>The demo database, made once per test process through the CLI; each test works on its own copy.</summary>
public sealed class DemoDatabaseFixture : IDisposable
{
    private static readonly Lazy<(string Template, string Output)> Shared = new(() =>
    {
        var folder = Directory.CreateTempSubdirectory("verwerving-demo-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };
        var template = Path.Combine(folder, "demo.db");
        var (code, output, error) = Tests.Cli.CliTests.Run("demo", "--db", template);
        if (code != ExitCodes.Ok) throw new InvalidOperationException(output + error);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return (template, output);
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string _folder = Directory.CreateTempSubdirectory("verwerving-demo-copy-").FullName;

    public string Template => Shared.Value.Template;
    public string DemoOutput => Shared.Value.Output;

    public string Copy()
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".db");
        File.Copy(Template, path);
        return path;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, true);
    }
}

public class CheckTests(DemoDatabaseFixture demo) : IClassFixture<DemoDatabaseFixture>
{
    [Fact]
    public void Demo_ProducesFindingsOfEveryRuleSet_AndCheckExplainsThemInDutch()
    {
        var db = demo.Copy();
        var (code, output, _) = Tests.Cli.CliTests.Run("check", "--db", db, "--from", "2023-01-01", "--json");
        Assert.Equal(ExitCodes.Refused, code); // the draft tender's weights add up to 95%: a blocking finding stands
        var standing = JsonDocument.Parse(output).RootElement.GetProperty("standing").EnumerateArray().ToList();
        var sets = standing.Select(f => f.GetProperty("ruleSet").GetString()).ToHashSet();
        Assert.Equal(RuleSets.Known.Order(), sets.Order());
        Assert.Contains(standing, f => f.GetProperty("ruleId").GetString() == "aanbesteding.wegingen"
                                       && f.GetProperty("explanation").GetString()!.Contains("tellen op tot 95% in plaats van 100%"));
        Assert.Contains(standing, f => f.GetProperty("ruleId").GetString() == "acceptatie.weigering"
                                       && f.GetProperty("explanation").GetString()!.StartsWith("Aanbieder ", StringComparison.Ordinal));
        Assert.Contains(standing, f => f.GetProperty("ruleId").GetString() == "bestuur.raden-geinformeerd"
                                       && f.GetProperty("subjectKey").GetString() == "PHO-2025-11");
        // Meetings count per strategic partner: the demo's partner 71000055 missed its kick-off in 2023.
        Assert.Contains(standing, f => f.GetProperty("ruleId").GetString() == "bestuur.drie-overleggen"
                                       && f.GetProperty("subjectKey").GetString() == "71000055");

        var (_, text, _) = Tests.Cli.CliTests.Run("check", "--db", db, "--tender", "ZKIJ-2022-01");
        Assert.Contains("[overtreding] De informatie uit dialoogronde 2 van aanbesteding ZKIJ-2022-01", text);
        Assert.Contains("Aan dialoogronde 3 van aanbesteding ZKIJ-2022-01", text);
    }

    [Fact]
    public void CorrectedAwardCriteria_CloseTheWeightingFinding_OnlyAContractManagerSetsThem_AndNotAfterTheFinalBids()
    {
        var file = demo.Copy();
        string Open() => Tests.Cli.CliTests.Run("findings", "list", "--subject", "ZKIJ-2026-01", "--db", file).Out;
        Assert.Contains("95%", Open());
        var refused = Tests.Cli.CliTests.Run("tenders", "criteria", "ZKIJ-2026-01", "kwaliteit=60", "prijs=30", "samenwerking=10", "--as", "controller", "--db", file);
        Assert.Equal(ExitCodes.Refused, refused.Code);
        Assert.Equal(ExitCodes.BadInput, Tests.Cli.CliTests.Run("tenders", "criteria", "ZKIJ-2026-01", "kwaliteit=zestig", "--as", "contractmanager", "--db", file).Code);
        var set = Tests.Cli.CliTests.Run("tenders", "criteria", "ZKIJ-2026-01", "kwaliteit=60", "prijs=30", "samenwerking=10", "--as", "contractmanager", "--db", file);
        Assert.Equal(ExitCodes.Ok, set.Code);
        Assert.Contains("totaal 100%", set.Out);
        Assert.DoesNotContain("95%", Open());
        using (var db = DatabaseOptions.Sqlite(file).OpenMigrated())
        {
            Assert.Equal(60, db.Tenders.AsNoTracking().Single(t => t.Reference == "ZKIJ-2026-01").CriteriaWeights["kwaliteit"]);
            Assert.Single(db.AuditEntries.AsNoTracking().Where(a => a.Action == "aanbesteding.criteria" && a.SubjectKey == "ZKIJ-2026-01"));
        }
        // The 2022 tender is contracted: its criteria are fixed.
        var late = Tests.Cli.CliTests.Run("tenders", "criteria", "ZKIJ-2022-01", "kwaliteit=50", "prijs=50", "--as", "contractmanager", "--db", file);
        Assert.Equal(ExitCodes.Refused, late.Code);
        Assert.Contains("liggen vast", late.Err);
    }

    [Fact]
    public void Recheck_ChangesNothing_AndAFactThatNoLongerHolds_ClosesItsFinding()
    {
        var file = demo.Copy();
        var options = DatabaseOptions.Sqlite(file);
        var scope = new CheckScope(new DateOnly(2023, 1, 1), new DateOnly(2025, 12, 31), Municipality: "0375");
        var now = new DateTime(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc);
        long overrunId;
        using (var db = options.OpenMigrated())
        {
            var first = FindingLedger.Check(db, NormBook.Load(), scope, now, Roles.System);
            var again = FindingLedger.Check(db, NormBook.Load(), scope, now, Roles.System);
            Assert.Equal((0, 0), (again.Opened.Count, again.Closed.Count));
            Assert.Equal(first.Standing.Count, again.Standing.Count);
            var overrun = again.Standing.First(f => f.RuleId == "budget.overschrijding");
            overrunId = overrun.Id;
            // The council raises the budget of that year well above what was spent.
            var frame = db.BudgetFrames.Single(b => b.MunicipalityCode == "0375" && b.Year == overrun.PeriodStart.Year);
            frame.Amend(frame.AmountCents * 2);
            db.SaveChanges();
        }
        using (var db = options.OpenMigrated())
        {
            var after = FindingLedger.Check(db, NormBook.Load(), scope, now, Roles.System);
            Assert.Contains(after.Closed, f => f.Id == overrunId);
        }
        using (var db = options.OpenMigrated())
        {
            var closed = db.Findings.AsNoTracking().Single(f => f.Id == overrunId);
            Assert.Equal(FindingStatus.Closed, closed.Status);
            Assert.Equal(now, closed.ClosedAt);
        }
    }

    [Fact]
    public void ContinuitySignal_StartsTheEscalationWorkflow_OncePerProvider()
    {
        Assert.Contains("escalatie continuïteitsrisico gestart voor", demo.DemoOutput);
        using var db = DatabaseOptions.Sqlite(demo.Copy()).OpenMigrated();
        var escalations = db.Set<WorkflowInstance>().Where(i => i.DefinitionId == "continuiteitsrisico").Select(i => i.SubjectKey).ToList();
        Assert.NotEmpty(escalations);
        Assert.Equal(escalations.Count, escalations.Distinct().Count());
        var signalled = db.Findings.Where(f => f.RuleSet == RuleSets.Continuity && f.SubjectType == Subjects.Provider)
            .Select(f => f.SubjectKey).Distinct().ToList();
        Assert.Equal(signalled.Order(), escalations.Order());
    }

    [Fact]
    public void NormsShow_SaysWhichValueHoldsForARegionAndWhereItComesFrom()
    {
        var (code, output, _) = Tests.Cli.CliTests.Run("norms", "show", "--region", "IJM", "--at", "2025-03-01");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("wachttijd.norm-dagen = 35 dagen (sinds 2025-01-01, IJM.yaml)", output);
        var (_, before, _) = Tests.Cli.CliTests.Run("norms", "show", "--region", "IJM", "--at", "2024-03-01");
        Assert.Contains("wachttijd.norm-dagen = 42 dagen (sinds 2015-01-01, default.yaml)", before);
    }
}
