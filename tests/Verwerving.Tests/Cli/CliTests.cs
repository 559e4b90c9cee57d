using System.Text.Json;
using Verwerving.Cli;
using Verwerving.Tests.Persistence;

namespace Verwerving.Tests.Cli;

public class CliTests
{
    internal static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = Verwerving.Cli.Cli.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void UnknownOption_IsBadInput()
    {
        var (code, _, err) = Run("users", "list", "--frobnicate");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("--frobnicate", err);
        Assert.DoesNotContain(" at ", err);
    }

    [Fact]
    public void ClockAdvance_OnASystemClockDatabase_IsRefused_AndChangesNothing()
    {
        using var database = TestDatabase.Sqlite();
        using (database.Options.OpenMigrated()) { }
        foreach (var args in new[] { new[] { "clock", "advance", "1d" }, ["clock", "set", "2030-01-01"] })
        {
            var (code, _, err) = Run([.. args, "--db", database.Options.SqlitePath!]);
            Assert.Equal(ExitCodes.BadInput, code);
            Assert.Contains("loopt op de systeemklok", err);
        }
        using var db = database.Options.OpenMigrated();
        Assert.Null(db.Settings.Find(Verwerving.Workflows.DatabaseClock.SettingKey));
        Assert.False(Verwerving.Workflows.DatabaseClock.Load(db).IsSimulated);
    }

    [Fact]
    public void UnwritableSqlitePath_IsOneLine_ExitTwo()
    {
        var (code, _, err) = Run("users", "list", "--db", "/proc/verwerving-bestaat-niet/x.db");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Single(err.Trim().Split('\n'));
        Assert.Contains("/proc/verwerving-bestaat-niet", err);
    }

    [Fact]
    public void UnreachablePostgres_IsOneLine_ExitTwo()
    {
        var (code, _, err) = Run("users", "list", "--connection", "Host=127.0.0.1;Port=1;Database=x;Username=u;Timeout=2");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Single(err.Trim().Split('\n'));
        Assert.Contains("PostgreSQL", err);
    }

    [Fact]
    public void GlobalOptions_WorkBeforeAndAfterTheCommandWords()
    {
        using var database = TestDatabase.Sqlite();
        var file = database.Options.SqlitePath!;
        var (code, _, _) = Run("--db", file, "demo", "--seed", "3");
        Assert.Equal(ExitCodes.Ok, code);
        var before = Run("--json", "--db", file, "users", "list");
        var after = Run("users", "list", "--db", file, "--json");
        Assert.Equal(before.Out, after.Out);
        var users = JsonDocument.Parse(after.Out).RootElement;
        Assert.Contains(users.EnumerateArray(), u => u.GetProperty("login").GetString() == "wethouder.ijmond"
                                                     && u.GetProperty("region").GetString() == "IJM");
    }
}

public class WorkflowCliTests
{
    private static (int Code, string Out, string Err) Run(params string[] args) => CliTests.Run(args);

    [Fact]
    public void Demo_ThenWalkToARefusal_ExitCodesAndJson()
    {
        using var database = TestDatabase.Sqlite();
        var db = database.Options.SqlitePath!;
        var workflows = Verwerving.Tests.Workflows.WorkflowHarness.RepositoryWorkflows;
        Assert.Equal(0, Run("demo", "--db", db, "--workflows", workflows).Code);

        var ijInbox = JsonDocument.Parse(Run("inbox", "--as", "wethouder.ijmond", "--db", db, "--json", "--workflows", workflows).Out).RootElement;
        // The two decisions and the demo's 3-year evaluation that reached the PHO.
        Assert.Equal(["PHO-2026-01", "PHO-2026-02", "SO-0011-AMB-BGGZ/evaluatie-3j"], ijInbox.EnumerateArray().Select(t => t.GetProperty("subject").GetString()!).Order().ToList());
        Assert.DoesNotContain(JsonDocument.Parse(Run("inbox", "--as", "wethouder.zk", "--db", db, "--json", "--workflows", workflows).Out).RootElement.EnumerateArray(),
            t => t.GetProperty("subject").GetString() == "PHO-2026-01");

        var started = JsonDocument.Parse(Run("--json", "--db", db, "--workflows", workflows, "instances", "start", "dialooggerichte-aanbesteding",
            "--subject", "ZKIJ-2026-01", "--as", "contractmanager").Out).RootElement;
        var id = started.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var refused = Run("--db", db, "--workflows", workflows, "instances", "fire", id, "aankondigen", "--as", "contractmanager");
        Assert.Equal(ExitCodes.Refused, refused.Code);
        Assert.Contains("0 van de 7 raden", refused.Err);
        var bad = Run("--db", db, "--workflows", workflows, "instances", "fire", id, "kader-vastgesteld", "--as", "contractmanager", "--param", "onzin=1");
        Assert.Equal(ExitCodes.BadInput, bad.Code);
        var show = JsonDocument.Parse(Run("--db", db, "--workflows", workflows, "--json", "instances", "show", id).Out).RootElement;
        Assert.Equal("voorbereiding", show.GetProperty("state").GetString());
        Assert.Contains(show.GetProperty("refused").EnumerateArray(), t => t.GetProperty("trigger").GetString() == "aankondigen");
    }

    [Fact]
    public void ValidateBrokenDefinition_ExitTwo_ListsErrors()
    {
        var file = Path.Combine(Path.GetTempPath(), $"kapot-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, "id: kapot\nversion: 1\nstates:\n  - id: a\n    initial: true\ntriggers:\n  - id: t\n    from: a\n    to: b\n    roles: [koning]\n");
        try
        {
            var (code, output, _) = Run("definitions", "validate", file);
            Assert.Equal(ExitCodes.BadInput, code);
            Assert.Contains(":9: triggers.t.to: onbekende status 'b'", output);
            Assert.Contains(":10: triggers.t.roles: onbekende rol 'koning'", output);
            Assert.Contains("eindtoestand", output);
        }
        finally { File.Delete(file); }
    }
}
