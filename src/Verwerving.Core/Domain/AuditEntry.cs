using System.Security.Cryptography;
using System.Text;

namespace Verwerving.Domain;

/// <summary>
/// One line of the append-only audit trail. Each entry's hash covers its content and the
/// previous entry's hash, so changing or removing any entry breaks the chain from there on.
/// </summary>
public class AuditEntry
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    private AuditEntry() { Actor = Action = SubjectType = SubjectKey = DetailsJson = PreviousHash = Hash = ""; }

    private AuditEntry(long sequence, DateTime at, string actor, string action, string subjectType, string subjectKey, string detailsJson, string previousHash)
    {
        Sequence = sequence;
        // PostgreSQL keeps microseconds; truncate so the hash survives the round trip.
        At = new DateTime(at.Ticks - at.Ticks % 10, DateTimeKind.Utc);
        Actor = actor;
        Action = action;
        SubjectType = subjectType;
        SubjectKey = subjectKey;
        DetailsJson = detailsJson;
        PreviousHash = previousHash;
        Hash = ComputeHash();
    }

    public long Id { get; private set; }

    /// <summary>Position in the chain; unique, so two writers appending to the same head collide instead of forking.</summary>
    public long Sequence { get; private set; }
    public DateTime At { get; private set; }
    public string Actor { get; private set; }
    public string Action { get; private set; }
    public string SubjectType { get; private set; }
    public string SubjectKey { get; private set; }
    public string DetailsJson { get; private set; }
    public string PreviousHash { get; private set; }
    public string Hash { get; private set; }

    public static AuditEntry Follow(AuditEntry? previous, DateTime at, string actor, string action, string subjectType, string subjectKey, string detailsJson) =>
        new((previous?.Sequence ?? 0) + 1, at, actor, action, subjectType, subjectKey, detailsJson, previous?.Hash ?? GenesisHash);

    /// <summary>
    /// Puts a not yet stored entry after <paramref name="previous"/>: the head it was built on may have moved while its
    /// transaction waited for the chain (another writer appended first).
    /// </summary>
    internal void Relink(AuditEntry? previous)
    {
        Sequence = (previous?.Sequence ?? 0) + 1;
        PreviousHash = previous?.Hash ?? GenesisHash;
        Hash = ComputeHash();
    }

    public bool IsIntact(AuditEntry? previous) =>
        PreviousHash == (previous?.Hash ?? GenesisHash) && Sequence == (previous?.Sequence ?? 0) + 1 && Hash == ComputeHash();

    private string ComputeHash()
    {
        // Time in ticks: the text form of a DateTime differs between providers, ticks do not.
        var content = string.Join('\u001f', Sequence, At.Ticks, Actor, Action, SubjectType, SubjectKey, DetailsJson, PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
    }
}
