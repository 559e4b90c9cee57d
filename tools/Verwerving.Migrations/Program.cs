using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.EntityFrameworkCore.Sqlite.Design.Internal;
using Microsoft.Extensions.DependencyInjection;
using Npgsql.EntityFrameworkCore.PostgreSQL.Design.Internal;
using Verwerving.Persistence;

// Usage: dotnet run --project tools/Verwerving.Migrations -- NAME
// Writes src/Verwerving/Persistence/Migrations/{Sqlite,Postgres}/<timestamp>_NAME.cs.
if (args.Length != 1)
{
    Console.Error.WriteLine("Gebruik: Verwerving.Migrations NAAM");
    return 2;
}
var root = FindRoot();
var projectDir = Path.Combine(root, "src", "Verwerving.Core");

Scaffold(DatabaseOptions.Sqlite(Path.Combine(Path.GetTempPath(), "verwerving-scaffold.db")).Open(), new SqliteDesignTimeServices(), "Sqlite");
Scaffold(DatabaseOptions.Postgres("Host=localhost;Database=scaffold").Open(), new NpgsqlDesignTimeServices(), "Postgres");
return 0;

void Scaffold(DbContext db, IDesignTimeServices provider, string folder)
{
    using (db)
    {
        var services = new ServiceCollection();
        services.AddEntityFrameworkDesignTimeServices();
        services.AddDbContextDesignTimeServices(db);
        provider.ConfigureDesignTimeServices(services);
        using var sp = services.BuildServiceProvider();
        var scaffolder = sp.GetRequiredService<IMigrationsScaffolder>();
        var migration = scaffolder.ScaffoldMigration(args[0], "Verwerving", $"Persistence.Migrations.{folder}", "C#");
        var files = scaffolder.Save(projectDir, migration, Path.Combine(projectDir, "Persistence", "Migrations", folder));
        Console.WriteLine(files.MigrationFile);
    }
}

static string FindRoot()
{
    var dir = new DirectoryInfo(Directory.GetCurrentDirectory());
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Verwerving.sln"))) dir = dir.Parent;
    return dir?.FullName ?? throw new InvalidOperationException("Verwerving.sln niet gevonden");
}
