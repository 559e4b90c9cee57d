using System.Globalization;
using Verwerving.Persistence;

namespace Verwerving.Workflows;

/// <summary>
/// The one clock. Simulated time is a mode a database gets when it is created (the demo, the tests): then the
/// stored time is "now" and only moving it fires what fell due, in order. Every other database runs on the system
/// clock, and moving its clock is refused: it would silently turn a real database into a simulation.
/// </summary>
public sealed class DatabaseClock : TimeProvider
{
    public const string SettingKey = "clock.simulated";
    private DateTimeOffset? _simulated;

    private DatabaseClock(DateTimeOffset? simulated) { _simulated = simulated; }

    public bool IsSimulated => _simulated is not null;

    public static DatabaseClock Load(VerwervingDb db)
    {
        var setting = db.Settings.Find(SettingKey);
        return new DatabaseClock(setting is null ? null : DateTimeOffset.Parse(setting.Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));
    }

    public override DateTimeOffset GetUtcNow() => _simulated ?? _pinned ?? DateTimeOffset.UtcNow;

    private DateTimeOffset? _pinned;

    /// <summary>
    /// Holds the system time still until disposed, so one step's audit entry, tasks, timers and documents carry the same moment.
    /// Nested pins keep the outer moment.
    /// </summary>
    public IDisposable Pin()
    {
        if (_pinned is not null) return NoPin.Instance;
        _pinned = DateTimeOffset.UtcNow;
        return new Unpin(this);
    }

    private sealed class Unpin(DatabaseClock clock) : IDisposable
    {
        public void Dispose() => clock._pinned = null;
    }

    private sealed class NoPin : IDisposable
    {
        public static readonly NoPin Instance = new();
        public void Dispose() { }
    }

    public DateTime UtcNow => GetUtcNow().UtcDateTime;

    public const string SystemClockRefusal =
        "Deze database loopt op de systeemklok; alleen een database met gesimuleerde tijd (de demo, de tests) heeft een klok die u kunt verzetten. "
        + "Timers gaan hier vanzelf af als hun tijd komt.";

    /// <summary>Gives a new database simulated time, starting at <paramref name="at"/>; refused once the database has a history.</summary>
    public static DatabaseClock StartSimulated(VerwervingDb db, DateTimeOffset at)
    {
        var clock = Load(db);
        if (!clock.IsSimulated && db.AuditEntries.Any())
            throw new Domain.InputException("Gesimuleerde tijd kies je bij het maken van een database; deze heeft al een geschiedenis op de systeemklok.");
        clock._simulated ??= at;
        clock.Set(db, at);
        return clock;
    }

    /// <summary>Moves simulated time (never backwards) and stores it with the caller's unit of work.</summary>
    public void Set(VerwervingDb db, DateTimeOffset at)
    {
        if (_simulated is null) throw new Domain.InputException(SystemClockRefusal);
        if (_simulated is { } current && at < current) throw new Domain.DomainException("De gesimuleerde klok loopt niet terug.");
        _simulated = at;
        var text = at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
        var setting = db.Settings.Find(SettingKey);
        if (setting is null) db.Settings.Add(new Setting(SettingKey, text));
        else setting.Value = text;
    }
}
