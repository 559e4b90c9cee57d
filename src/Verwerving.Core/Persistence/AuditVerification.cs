using Microsoft.EntityFrameworkCore;
using Verwerving.Domain;

namespace Verwerving.Persistence;

/// <summary>What verifying the audit trail found: the chain itself, and the chain against its anchor and an exported head.</summary>
public sealed record AuditCheck(bool Intact, long Entries, long? BrokenAt, string? Anchor, string? ExportedHead, IReadOnlyList<string> Problems, string? Note);

/// <summary>
/// Verifies the audit trail. The hash chain shows an edited or removed entry inside the chain. Its end is checked against
/// the anchor (the head recorded in every transaction that appends, outside the chain) and, when given, a head exported
/// earlier with 'audit head' and kept elsewhere: only that one also holds when someone rewrote both the chain and the anchor.
/// </summary>
public static class AuditVerification
{
    public static AuditCheck Verify(VerwervingDb db, string? exportedHead = null)
    {
        var problems = new List<string>();
        AuditEntry? previous = null;
        long count = 0;
        long? broken = null;
        (long Sequence, string Hash)? exported = exportedHead is null ? null : Parse(exportedHead);
        string? exportedHash = null;
        foreach (var entry in db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).AsEnumerable())
        {
            if (!entry.IsIntact(previous))
            {
                broken = entry.Sequence;
                problems.Add(entry.Sequence == (previous?.Sequence ?? 0) + 1
                    ? $"regel {entry.Sequence} is gewijzigd: de hash klopt niet met de inhoud of met de regel ervoor"
                    : $"na regel {previous?.Sequence ?? 0} ontbreken regels (de volgende is {entry.Sequence})");
                break;
            }
            if (exported is { } e && entry.Sequence == e.Sequence) exportedHash = entry.Hash;
            previous = entry;
            count++;
        }
        var last = previous;
        var anchor = db.AuditAnchor();
        if (broken is null && anchor is { } a)
        {
            if (last is null || last.Sequence < a.Sequence)
                problems.Add($"het anker staat op regel {a.Sequence}, de keten eindigt bij {last?.Sequence ?? 0}: de laatste {a.Sequence - (last?.Sequence ?? 0)} regel(s) zijn verwijderd");
            else if (last.Sequence == a.Sequence && last.Hash != a.Hash)
                problems.Add($"regel {a.Sequence} heeft een andere hash dan het anker: de keten is herberekend");
            else if (last.Sequence > a.Sequence)
                problems.Add($"de keten loopt tot regel {last.Sequence}, het anker tot {a.Sequence}: regels zonder anker");
        }
        // Not a fault (a database from before the anchor), but the reader should know what verify cannot see.
        var note = broken is null && anchor is null && last is not null ? "deze database heeft geen anker; verwijderde regels aan het eind zijn niet te zien" : null;
        if (broken is null && exported is { } x)
        {
            if (last is null || last.Sequence < x.Sequence)
                problems.Add($"de geëxporteerde kop staat op regel {x.Sequence}, de keten eindigt bij {last?.Sequence ?? 0}: er zijn regels verwijderd");
            else if (exportedHash != x.Hash)
                problems.Add($"regel {x.Sequence} heeft een andere hash dan de geëxporteerde kop: de keten is herschreven");
        }
        return new AuditCheck(problems.Count == 0, count, broken, anchor is { } an ? $"{an.Sequence}:{an.Hash}" : null, exportedHead, problems, note);
    }

    /// <summary>The chain's head as text to keep elsewhere (sequence:hash).</summary>
    public static string? Head(VerwervingDb db) =>
        db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence).Select(e => new { e.Sequence, e.Hash }).FirstOrDefault() is { } h
            ? $"{h.Sequence}:{h.Hash}" : null;

    private static (long, string) Parse(string text)
    {
        var parts = text.Trim().Split(':');
        if (parts.Length == 2 && long.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out var seq) && seq > 0
            && parts[1].Length == 64 && parts[1].All(Uri.IsHexDigit))
            return (seq, parts[1].ToLowerInvariant());
        throw new InputException("--head verwacht de kop zoals 'audit head' die geeft: REGEL:HASH (64 hexadecimale tekens).");
    }
}
