namespace Verwerving.Domain;

/// <summary>
/// An entity two users can edit at once. <see cref="Version"/> is the optimistic
/// concurrency token; the DbContext increments it on every update so a stale write is refused.
/// </summary>
public abstract class Versioned
{
    public long Version { get; internal set; }
}
