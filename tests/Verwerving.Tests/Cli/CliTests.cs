using System.Text.Json;
using Verwerving.Cli;
using Verwerving.Tests.Persistence;

namespace Verwerving.Tests.Cli;

public class CliTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
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
