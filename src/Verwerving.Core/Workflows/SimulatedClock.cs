using System.Globalization;
using Verwerving.Persistence;

namespace Verwerving.Workflows;

/// <summary>
/// The one clock. When the database holds a simulated time (the demo and the tests set one), that is
/// "now"; otherwise the system clock is. Advancing the simulated clock fires what fell due, in order.
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

    public override DateTimeOffset GetUtcNow() => _simulated ?? DateTimeOffset.UtcNow;

    public DateTime UtcNow => GetUtcNow().UtcDateTime;

    /// <summary>Moves simulated time (never backwards) and stores it with the caller's unit of work.</summary>
    public void Set(VerwervingDb db, DateTimeOffset at)
    {
        if (_simulated is { } current && at < current) throw new Domain.DomainException("De gesimuleerde klok loopt niet terug.");
        _simulated = at;
        var text = at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
        var setting = db.Settings.Find(SettingKey);
        if (setting is null) db.Settings.Add(new Setting(SettingKey, text));
        else setting.Value = text;
    }
}
