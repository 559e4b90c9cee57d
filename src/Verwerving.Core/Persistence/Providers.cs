using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using Verwerving.Domain;

namespace Verwerving.Persistence;

public sealed class SqliteVerwervingDb(DbContextOptions<SqliteVerwervingDb> options) : VerwervingDb(options);

public sealed class PostgresVerwervingDb(DbContextOptions<PostgresVerwervingDb> options) : VerwervingDb(options);

/// <summary>Which database to use: an SQLite file (the embedded default) or a PostgreSQL connection string.</summary>
public sealed record DatabaseOptions
{
    public const string DefaultSqliteFile = "verwerving.db";

    private DatabaseOptions(string? sqlitePath, string? postgres) { SqlitePath = sqlitePath; PostgresConnection = postgres; }

    public string? SqlitePath { get; }
    public string? PostgresConnection { get; }
    public bool IsPostgres => PostgresConnection is not null;

    public static DatabaseOptions Sqlite(string path) => new(Path.GetFullPath(path), null);
    public static DatabaseOptions Postgres(string connectionString) => new(null, connectionString);

    public string Describe() => IsPostgres
        ? $"PostgreSQL {new NpgsqlConnectionStringBuilder(PostgresConnection) { Password = null }.Host}/{new NpgsqlConnectionStringBuilder(PostgresConnection).Database}"
        : $"SQLite {SqlitePath}";

    public VerwervingDb Open(params IInterceptor[] interceptors)
    {
        if (IsPostgres)
        {
            var options = new DbContextOptionsBuilder<PostgresVerwervingDb>()
                .UseNpgsql(PostgresConnection, o => o.MigrationsHistoryTable("__migrations"))
                .AddInterceptors([WriteLock.Instance, .. interceptors])
                .Options;
            return new PostgresVerwervingDb(options);
        }
        var builder = new SqliteConnectionStringBuilder { DataSource = SqlitePath, Pooling = true, DefaultTimeout = 30 };
        var sqlite = new DbContextOptionsBuilder<SqliteVerwervingDb>()
            .UseSqlite(builder.ConnectionString, o => o.MigrationsHistoryTable("__migrations"))
            .AddInterceptors([SqlitePragmas.Instance, .. interceptors])
            .Options;
        return new SqliteVerwervingDb(sqlite);
    }

    /// <summary>Opens the database and brings its schema up to date. Errors name the database, not a stack trace.</summary>
    public VerwervingDb OpenMigrated(params IInterceptor[] interceptors)
    {
        if (!IsPostgres)
        {
            var dir = Path.GetDirectoryName(SqlitePath)!;
            if (!Directory.Exists(dir)) throw new InputException($"Map voor de database bestaat niet: {dir}");
        }
        var db = Open(interceptors);
        try
        {
            db.Database.Migrate();
            return db;
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or TimeoutException or System.Net.Sockets.SocketException)
        {
            db.Dispose();
            throw new InputException($"Kan database niet openen ({Describe()}): {Innermost(ex).Message}");
        }
    }

    /// <summary>Removes the database entirely (the demo starts from a fresh one).</summary>
    public void Delete()
    {
        if (IsPostgres)
        {
            using var db = Open();
            try { db.Database.EnsureDeleted(); }
            catch (Exception ex) when (ex is DbException or InvalidOperationException or TimeoutException)
            {
                throw new InputException($"Kan database niet verwijderen ({Describe()}): {Innermost(ex).Message}");
            }
            return;
        }
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            var file = SqlitePath + suffix;
            try { if (File.Exists(file)) File.Delete(file); }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new InputException($"Kan databasebestand niet verwijderen: {file} ({ex.Message})");
            }
        }
    }

    /// <summary>The root cause, whose message is the one a user can act on.</summary>
    public const string ConflictMessage = "gelijktijdig gewijzigd, probeer opnieuw (iemand anders wijzigde dit op hetzelfde moment).";

    /// <summary>A write that lost a race with another one (a duplicate key, a serialisation failure, a deadlock, a busy file): worth a retry, not an error.</summary>
    public static bool IsConflict(Exception ex) => Innermost(ex) switch
    {
        PostgresException pg => pg.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected,
        SqliteException lite => lite.SqliteErrorCode is 5 or 6, // SQLITE_BUSY, SQLITE_LOCKED
        _ => false,
    };

    public static Exception Innermost(Exception ex)
    {
        while (ex.InnerException is not null) ex = ex.InnerException;
        return ex;
    }
}

/// <summary>WAL lets readers work beside the writer; synchronous=FULL makes a committed transaction survive power loss.</summary>
/// <summary>
/// Serialises write transactions on PostgreSQL with one transaction-scoped advisory lock, taken as a transaction starts:
/// the audit chain has one head, so two writers must not both append to it. Taken first, before any row lock, so it
/// cannot deadlock with them; SQLite has one writer already.
/// </summary>
internal sealed class WriteLock : DbTransactionInterceptor
{
    public static readonly WriteLock Instance = new();
    private const long Key = 0x5665_7277_6572_76; // "Verwerv"

    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        using var command = connection.CreateCommand();
        command.Transaction = result;
        command.CommandText = $"SELECT pg_advisory_xact_lock({Key})";
        command.ExecuteNonQuery();
        return result;
    }

    public override async ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result,
        CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = result;
        command.CommandText = $"SELECT pg_advisory_xact_lock({Key})";
        await command.ExecuteNonQueryAsync(cancellationToken);
        return result;
    }
}

internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000; PRAGMA temp_store=MEMORY;";
        command.ExecuteNonQuery();
    }
}
