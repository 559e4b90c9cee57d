using System.CommandLine;
using System.Data.Common;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Verwerving.Domain;
using Verwerving.Persistence;

namespace Verwerving.Cli;

/// <summary>What every command gets: the chosen database, the output mode and the streams.</summary>
public sealed class CliContext(DatabaseOptions database, bool json, TextWriter output, TextWriter error)
{
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    public DatabaseOptions Database { get; } = database;
    public bool Json { get; } = json;
    public TextWriter Out { get; } = output;
    public TextWriter Error { get; } = error;

    /// <summary>Prints <paramref name="data"/> as JSON with --json, otherwise the Dutch text.</summary>
    public void Print<T>(T data, Action<TextWriter> text)
    {
        if (Json) Out.WriteLine(JsonSerializer.Serialize(data, JsonOptions));
        else text(Out);
    }

    public VerwervingDb OpenDb() => Database.OpenMigrated();
}

/// <summary>Exit codes are part of the contract: scripts act on them.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Refused = 1;
    public const int BadInput = 2;
}

public static class Cli
{
    public static readonly Option<string?> DbOption = new("--db") { Description = "SQLite-databasebestand (standaard: verwerving.db)", Recursive = true };
    public static readonly Option<string?> ConnectionOption = new("--connection") { Description = "PostgreSQL-verbindingsreeks (Host=...;Database=...)", Recursive = true };
    public static readonly Option<bool> JsonOption = new("--json") { Description = "Machineleesbare uitvoer (JSON)", Recursive = true };

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("Verwerving — workflows en regels voor de inkoop en het contractmanagement van jeugdhulp");
        root.Options.Add(DbOption);
        root.Options.Add(ConnectionOption);
        root.Options.Add(JsonOption);
        root.Options.Add(WorkflowCommands.WorkflowsOption);
        root.Options.Add(RulesCommands.NormsOption);
        root.Options.Add(DocumentCommands.TemplatesOption);
        foreach (var command in Commands.All(output, error)) root.Subcommands.Add(command);

        var result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            foreach (var e in result.Errors) error.WriteLine($"Fout: {e.Message}");
            error.WriteLine("Zie 'verwerving --help'.");
            return ExitCodes.BadInput;
        }
        return result.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
    }

    /// <summary>Wraps a command's work: builds the context and turns failures into one clear line and an exit code.</summary>
    public static Func<ParseResult, int> Action(TextWriter output, TextWriter error, Func<ParseResult, CliContext, int> work) => parse =>
    {
        try
        {
            var context = new CliContext(Database(parse), parse.GetValue(JsonOption), output, error);
            return work(parse, context);
        }
        catch (InputException ex)
        {
            error.WriteLine($"Fout: {ex.Message}");
            return ExitCodes.BadInput;
        }
        catch (DomainException ex)
        {
            error.WriteLine($"Geweigerd: {ex.Message}");
            return ExitCodes.Refused;
        }
        catch (Exception ex) when (ex is DbUpdateConcurrencyException || DatabaseOptions.IsConflict(ex))
        {
            if (Environment.GetEnvironmentVariable("VERWERVING_DEBUG") == "1") error.WriteLine(ex);
            error.WriteLine($"Geweigerd: {DatabaseOptions.ConflictMessage}");
            return ExitCodes.Refused;
        }
        catch (Exception ex) when (ex is DbException or DbUpdateException or TimeoutException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"Fout: {DatabaseOptions.Innermost(ex).Message}");
            return ExitCodes.BadInput;
        }
    };

    private static DatabaseOptions Database(ParseResult parse)
    {
        var connection = parse.GetValue(ConnectionOption) ?? Environment.GetEnvironmentVariable("VERWERVING_CONNECTION");
        var file = parse.GetValue(DbOption);
        if (connection is not null && file is not null) throw new InputException("Kies --db of --connection, niet allebei.");
        if (connection is not null)
        {
            try { _ = new Npgsql.NpgsqlConnectionStringBuilder(connection); }
            catch (ArgumentException ex) { throw new InputException($"Ongeldige verbindingsreeks: {ex.Message}"); }
            return DatabaseOptions.Postgres(connection);
        }
        return DatabaseOptions.Sqlite(file ?? Environment.GetEnvironmentVariable("VERWERVING_DB") ?? DatabaseOptions.DefaultSqliteFile);
    }
}
