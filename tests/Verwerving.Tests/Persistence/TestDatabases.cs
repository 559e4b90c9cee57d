using Npgsql;
using Verwerving.Persistence;

namespace Verwerving.Tests.Persistence;

/// <summary>Throwaway databases: an SQLite file in a temp folder, or a fresh database on the test PostgreSQL server.</summary>
public sealed class TestDatabase : IDisposable
{
    public const string PostgresVariable = "VERWERVING_TEST_POSTGRES";

    private TestDatabase(DatabaseOptions options, string? cleanup) { Options = options; _cleanup = cleanup; }

    private readonly string? _cleanup;
    public DatabaseOptions Options { get; }

    public static TestDatabase Create(string provider) => provider switch
    {
        "sqlite" => Sqlite(),
        "postgres" => Postgres(),
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };

    public static TestDatabase Sqlite()
    {
        var dir = Path.Combine(Path.GetTempPath(), "verwerving-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return new TestDatabase(DatabaseOptions.Sqlite(Path.Combine(dir, "test.db")), dir);
    }

    public static TestDatabase Postgres()
    {
        var server = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrEmpty(server))
            throw new InvalidOperationException(
                $"Geen PostgreSQL-testserver: {PostgresVariable} is niet gezet. Draai de tests met scripts/test, dat een tijdelijke server start.");
        var builder = new NpgsqlConnectionStringBuilder(server) { Database = "vw_" + Guid.NewGuid().ToString("N")[..12] };
        return new TestDatabase(DatabaseOptions.Postgres(builder.ConnectionString), null);
    }

    public void Dispose()
    {
        if (Options.IsPostgres)
        {
            NpgsqlConnection.ClearAllPools();
            Options.Delete();
        }
        else
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(_cleanup!, recursive: true); } catch (IOException) { }
        }
    }
}
