using Microsoft.EntityFrameworkCore;
using Verwerving.Domain;
using Verwerving.Persistence;
using Verwerving.Tests.Persistence;

namespace Verwerving.Tests.Concurrency;

/// <summary>
/// Truncating or rewriting the audit trail is found: by the chain itself, by the anchor kept outside it, and by a head
/// exported earlier (the only check that holds when the anchor was rewritten too).
/// </summary>
public abstract class AuditAnchorTests(string provider) : IDisposable
{
    private const int Entries = 60;
    private readonly TestDatabase _database = TestDatabase.Create(provider);

    public void Dispose()
    {
        _database.Dispose();
        GC.SuppressFinalize(this);
    }

    private VerwervingDb Open() => _database.Options.OpenMigrated();

    /// <summary>A chain of 60 entries, each appended in its own unit of work; returns the exported head.</summary>
    private string Chain()
    {
        for (var i = 1; i <= Entries; i++)
        {
            using var db = Open();
            db.Audit(new DateTime(2026, 1, 1, 9, 0, 0, DateTimeKind.Utc).AddMinutes(i), "contractmanager", "proef", "Proef", $"P-{i}", $"{{\"n\":{i}}}");
            db.SaveChanges();
        }
        using var check = Open();
        Assert.True(AuditVerification.Verify(check).Intact);
        return AuditVerification.Head(check)!;
    }

    private void Sql(string sql)
    {
        using var db = Open();
        db.Database.ExecuteSqlRaw(sql);
    }

    private AuditCheck Verify(string? head = null)
    {
        using var db = Open();
        return AuditVerification.Verify(db, head);
    }

    [Theory]
    [InlineData("de laatste regel", 59)]
    [InlineData("de laatste 50 regels", 10)]
    [InlineData("alle regels", 0)]
    public void Truncation_IsFound_ByTheAnchor(string what, int keep)
    {
        var head = Chain();
        Sql($"DELETE FROM \"AuditEntries\" WHERE \"Sequence\" > {keep}");
        var check = Verify();
        Assert.False(check.Intact, what);
        Assert.Contains(check.Problems, p => p.Contains($"de laatste {Entries - keep} regel(s) zijn verwijderd", StringComparison.Ordinal));
        Assert.False(Verify(head).Intact);
        Figures.Report($"audit ({provider}): {what} verwijderd ({Entries - keep} van {Entries}): gevonden door het anker en door de bewaarde kop");
    }

    [Fact]
    public void RecomputedTail_IsFound_ByTheAnchor_AndWhenTheAnchorIsRewrittenToo_OnlyByTheExportedHead()
    {
        var head = Chain();
        // Edit entry 10 and recompute every hash after it, as someone with write access to the database could.
        List<AuditEntry> chain;
        using (var db = Open()) chain = db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).ToList();
        AuditEntry? previous = chain[8];
        var rewritten = new List<AuditEntry>();
        foreach (var e in chain.Skip(9))
        {
            var copy = AuditEntry.Follow(previous, e.At, e.Actor, e.Action, e.SubjectType, e.SubjectKey, e.Sequence == 10 ? "{\"n\":999}" : e.DetailsJson);
            rewritten.Add(copy);
            previous = copy;
        }
        using (var db = Open())
            foreach (var e in rewritten)
                db.Database.ExecuteSql($"UPDATE \"AuditEntries\" SET \"DetailsJson\" = {e.DetailsJson}, \"PreviousHash\" = {e.PreviousHash}, \"Hash\" = {e.Hash} WHERE \"Sequence\" = {e.Sequence}");

        var byAnchor = Verify();
        Assert.False(byAnchor.Intact);
        Assert.Contains(byAnchor.Problems, p => p.Contains("de keten is herberekend", StringComparison.Ordinal));

        // The anchor rewritten as well: the database alone cannot tell; the head kept outside it can.
        using (var db = Open())
            db.Database.ExecuteSql($"UPDATE \"Settings\" SET \"Value\" = {$"{previous!.Sequence}:{previous.Hash}"} WHERE \"Key\" = {VerwervingDb.AuditAnchorKey}");
        Assert.True(Verify().Intact);
        var byExport = Verify(head);
        Assert.False(byExport.Intact);
        Assert.Contains(byExport.Problems, p => p.Contains("de keten is herschreven", StringComparison.Ordinal));
        Figures.Report($"audit ({provider}): regel 10 gewijzigd en de rest herberekend: gevonden door het anker; met het anker herschreven alleen door de bewaarde kop");
    }

    [Fact]
    public void EditedEntry_IsFound_ByTheChain()
    {
        Chain();
        Sql("UPDATE \"AuditEntries\" SET \"Actor\" = 'iemand' WHERE \"Sequence\" = 30");
        var check = Verify();
        Assert.Equal((false, 30L), (check.Intact, check.BrokenAt));
    }
}

[Trait("Category", "Postgres")]
public sealed class PostgresAuditAnchorTests() : AuditAnchorTests("postgres");

public sealed class SqliteAuditAnchorTests() : AuditAnchorTests("sqlite");
