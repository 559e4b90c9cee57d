using System.Globalization;
using NodaTime;
using Verwerving.Domain;
using YamlDotNet.RepresentationModel;

namespace Verwerving.Workflows;

public enum DurationUnit { Day, Week, Month, Year, WorkingDay }

/// <summary>A term on the calendar: 20d, 4w, 4m, 3y, 5wd, or in words: 20 dagen, 4 maanden, 5 werkdagen.</summary>
public readonly record struct Duration(int Amount, DurationUnit Unit)
{
    private static readonly (string Text, DurationUnit Unit)[] Units =
    [
        ("wd", DurationUnit.WorkingDay), ("werkdagen", DurationUnit.WorkingDay), ("werkdag", DurationUnit.WorkingDay),
        ("d", DurationUnit.Day), ("dagen", DurationUnit.Day), ("dag", DurationUnit.Day),
        ("w", DurationUnit.Week), ("weken", DurationUnit.Week), ("week", DurationUnit.Week),
        ("m", DurationUnit.Month), ("maanden", DurationUnit.Month), ("maand", DurationUnit.Month),
        ("y", DurationUnit.Year), ("jaar", DurationUnit.Year),
    ];

    public static bool TryParse(string? text, out Duration duration)
    {
        duration = default;
        text = text?.Trim().ToLowerInvariant() ?? "";
        var digits = 0;
        while (digits < text.Length && char.IsAsciiDigit(text[digits])) digits++;
        if (digits == 0 || digits > 6) return false;
        var unit = text[digits..].Trim();
        foreach (var (t, u) in Units)
            if (unit == t)
            {
                duration = new Duration(int.Parse(text[..digits], CultureInfo.InvariantCulture), u);
                return true;
            }
        return false;
    }

    /// <summary>This term <paramref name="n"/> times over, counted from the same anchor (no drift at month ends).</summary>
    public Duration Times(int n) => this with { Amount = checked(Amount * n) };

    public override string ToString() => Amount.ToString(CultureInfo.InvariantCulture) + Unit switch
    {
        DurationUnit.Day => "d", DurationUnit.Week => "w", DurationUnit.Month => "m", DurationUnit.Year => "y", _ => "wd",
    };

    /// <summary>In words, for pages and documents: 14 dagen, 5 werkdagen, 4 maanden.</summary>
    public string Text => Amount + " " + (Unit, Amount == 1) switch
    {
        (DurationUnit.Day, true) => "dag", (DurationUnit.Day, _) => "dagen",
        (DurationUnit.Week, true) => "week", (DurationUnit.Week, _) => "weken",
        (DurationUnit.Month, true) => "maand", (DurationUnit.Month, _) => "maanden",
        (DurationUnit.Year, _) => "jaar",
        (_, true) => "werkdag", _ => "werkdagen",
    };

    public const string Examples = "bv. 20d, 4w, 4m, 3y, 5wd of 5 werkdagen";
}

/// <summary>
/// The calendar terms run on: Europe/Amsterdam wall-clock time (from NodaTime's own time-zone database, not the
/// machine's), so "14 days" keeps its hour across summer and winter time, a month from 31 January is the last day
/// of February, and working days skip weekends and the public holidays in rules/feestdagen.yaml.
/// </summary>
public sealed class WorkCalendar
{
    public const string FileName = "feestdagen.yaml";
    public static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];

    private readonly IReadOnlySet<DayOfWeek> _weekend;
    private readonly IReadOnlyList<HolidayRule> _rules;
    private readonly IReadOnlyDictionary<DateOnly, string> _extra;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, IReadOnlyDictionary<DateOnly, string>> _years = new();

    private sealed record HolidayRule(string Name, int? Month, int? Day, int? SundayMonth, int? SundayDay, int? AfterEaster);

    private WorkCalendar(IReadOnlySet<DayOfWeek> weekend, IReadOnlyList<HolidayRule> rules, IReadOnlyDictionary<DateOnly, string> extra)
    {
        _weekend = weekend; _rules = rules; _extra = extra;
    }

    private static readonly Lazy<WorkCalendar> DefaultCalendar = new(() => Load(Path.Combine(Installation.Folder("rules"), FileName)));

    /// <summary>The installation's calendar (rules/feestdagen.yaml).</summary>
    public static WorkCalendar Default => DefaultCalendar.Value;

    /// <summary>The date in the Netherlands at a moment.</summary>
    public static DateOnly DateOf(DateTime utc) => DateOnly.FromDateTime(LocalOf(utc));

    /// <summary>The Dutch wall-clock time at a moment.</summary>
    public static DateTime LocalOf(DateTime utc) => Instant.FromDateTimeUtc(AsUtc(utc)).InZone(Zone).ToDateTimeUnspecified();

    /// <summary>A Dutch wall-clock time as a UTC moment (a time skipped in spring moves on by the hour, a doubled one takes the first).</summary>
    public static DateTime At(DateOnly date, TimeOnly time) =>
        new LocalDateTime(date.Year, date.Month, date.Day, time.Hour, time.Minute, time.Second).InZoneLeniently(Zone).ToDateTimeUtc();

    /// <summary>The start of a Dutch day (00:00 in Amsterdam) as a UTC moment.</summary>
    public static DateTime StartOf(DateOnly date) => At(date, TimeOnly.MinValue);

    /// <summary>A moment plus a term, counted on the Dutch wall clock.</summary>
    public DateTime Add(DateTime utc, Duration d)
    {
        var local = Instant.FromDateTimeUtc(AsUtc(utc)).InZone(Zone).LocalDateTime;
        var result = d.Unit switch
        {
            DurationUnit.Day => local.PlusDays(d.Amount),
            DurationUnit.Week => local.PlusWeeks(d.Amount),
            DurationUnit.Month => local.PlusMonths(d.Amount),
            DurationUnit.Year => local.PlusYears(d.Amount),
            _ => local.Date.PlusDays(WorkingDayOffset(new DateOnly(local.Year, local.Month, local.Day), d.Amount)).At(local.TimeOfDay),
        };
        return result.InZoneLeniently(Zone).ToDateTimeUtc();
    }

    /// <summary>A date plus a term (for terms that end on a day, not at a moment).</summary>
    public DateOnly Add(DateOnly date, Duration d) => d.Unit switch
    {
        DurationUnit.Day => date.AddDays(d.Amount),
        DurationUnit.Week => date.AddDays(7 * d.Amount),
        DurationUnit.Month => date.AddMonths(d.Amount),
        DurationUnit.Year => date.AddYears(d.Amount),
        _ => date.AddDays(WorkingDayOffset(date, d.Amount)),
    };

    // The Nth working day after the start day: the start day itself never counts, as in the Algemene termijnenwet.
    private int WorkingDayOffset(DateOnly from, int workingDays)
    {
        var offset = 0;
        for (var counted = 0; counted < workingDays;)
        {
            offset++;
            if (IsWorkingDay(from.AddDays(offset))) counted++;
        }
        return offset;
    }

    public bool IsWorkingDay(DateOnly date) => !_weekend.Contains(date.DayOfWeek) && HolidayName(date) is null;

    public string? HolidayName(DateOnly date) => Holidays(date.Year).GetValueOrDefault(date) ?? _extra.GetValueOrDefault(date);

    public IReadOnlyDictionary<DateOnly, string> Holidays(int year) => _years.GetOrAdd(year, y =>
    {
        var easter = EasterSunday(y);
        var days = new Dictionary<DateOnly, string>();
        foreach (var r in _rules)
        {
            var date = r.AfterEaster is { } n ? easter.AddDays(n) : new DateOnly(y, r.Month!.Value, r.Day!.Value);
            if (r.SundayMonth is { } sm && date.DayOfWeek == DayOfWeek.Sunday) date = new DateOnly(y, sm, r.SundayDay!.Value);
            days[date] = r.Name;
        }
        return days;
    });

    // Easter Sunday in the Gregorian calendar (the anonymous "Meeus/Jones/Butcher" computus); no library here computes it.
    private static DateOnly EasterSunday(int y)
    {
        int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
        return new DateOnly(y, month, day);
    }

    private static DateTime AsUtc(DateTime t) => t.Kind == DateTimeKind.Utc ? t : DateTime.SpecifyKind(t, DateTimeKind.Utc);

    private static readonly Dictionary<string, DayOfWeek> DayNames = new()
    {
        ["maandag"] = DayOfWeek.Monday, ["dinsdag"] = DayOfWeek.Tuesday, ["woensdag"] = DayOfWeek.Wednesday,
        ["donderdag"] = DayOfWeek.Thursday, ["vrijdag"] = DayOfWeek.Friday, ["zaterdag"] = DayOfWeek.Saturday, ["zondag"] = DayOfWeek.Sunday,
    };

    /// <summary>Reads the holidays file; every error names the file, line and field.</summary>
    public static WorkCalendar Load(string path)
    {
        var file = Path.GetFileName(path);
        if (!File.Exists(path)) throw new InputException($"Het bestand met feestdagen ontbreekt: {path}.");
        var errors = new List<DefinitionError>();
        var stream = new YamlStream();
        try { stream.Load(new StringReader(File.ReadAllText(path))); }
        catch (YamlDotNet.Core.YamlException ex) { throw new DefinitionException([new DefinitionError(file, (int)ex.Start.Line, "", ex.Message)]); }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new DefinitionException([new DefinitionError(file, 1, "", "verwacht een mapping met weekend, feestdagen en extra")]);
        void Error(YamlNode node, string field, string message) => errors.Add(new DefinitionError(file, (int)node.Start.Line, field, message));
        YamlNode? Child(YamlMappingNode map, string key) => map.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;

        var weekend = new HashSet<DayOfWeek>();
        if (Child(root, "weekend") is YamlSequenceNode days)
            foreach (var d in days.Children.OfType<YamlScalarNode>())
                if (DayNames.TryGetValue(d.Value ?? "", out var day)) weekend.Add(day);
                else Error(d, "weekend", $"'{d.Value}' is geen dag (maandag … zondag)");

        var rules = new List<HolidayRule>();
        if (Child(root, "feestdagen") is not YamlSequenceNode list) Error(root, "feestdagen", "ontbreekt (een lijst van feestdagen)");
        else
            foreach (var item in list.Children)
            {
                if (item is not YamlMappingNode m) { Error(item, "feestdagen[]", "verwacht { naam, datum } of { naam, pasen }"); continue; }
                var name = (Child(m, "naam") as YamlScalarNode)?.Value;
                if (string.IsNullOrWhiteSpace(name)) Error(m, "feestdagen[].naam", "ontbreekt");
                var date = (Child(m, "datum") as YamlScalarNode)?.Value;
                var easter = (Child(m, "pasen") as YamlScalarNode)?.Value;
                var sunday = (Child(m, "alsZondag") as YamlScalarNode)?.Value;
                (int, int)? MonthDay(string? text, string field)
                {
                    if (text is null) return null;
                    if (DateOnly.TryParseExact("2000-" + text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var md)) return (md.Month, md.Day);
                    Error(m, field, $"'{text}' is geen maand-dag (bv. 04-27)");
                    return null;
                }
                var fixedDay = MonthDay(date, $"feestdagen.{name}.datum");
                var moved = MonthDay(sunday, $"feestdagen.{name}.alsZondag");
                int? afterEaster = null;
                if (easter is not null)
                {
                    if (int.TryParse(easter, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && Math.Abs(n) < 100) afterEaster = n;
                    else Error(m, $"feestdagen.{name}.pasen", $"'{easter}' is geen aantal dagen na eerste paasdag");
                }
                if ((date is null) == (easter is null)) Error(m, $"feestdagen.{name}", "noem precies één van datum of pasen");
                rules.Add(new HolidayRule(name ?? "", fixedDay?.Item1, fixedDay?.Item2, moved?.Item1, moved?.Item2, afterEaster));
            }

        var extra = new Dictionary<DateOnly, string>();
        if (Child(root, "extra") is YamlSequenceNode extras)
            foreach (var e in extras.Children.OfType<YamlScalarNode>())
                if (DateOnly.TryParseExact(e.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) extra[day] = "sluitingsdag";
                else Error(e, "extra", $"'{e.Value}' is geen datum (jjjj-mm-dd)");
        if (errors.Count > 0) throw new DefinitionException(errors);
        return new WorkCalendar(weekend, rules, extra);
    }
}
