using Verwerving.Domain;
using Verwerving.Workflows;

namespace Verwerving.Tests.Workflows;

/// <summary>Terms over years on the Dutch calendar: summer and winter time, month ends, leap years, nine years, working days.</summary>
public class CalendarTests
{
    private static readonly WorkCalendar Calendar = WorkCalendar.Default;

    private static DateTime Local(int y, int m, int d, int h = 0, int min = 0) => WorkCalendar.At(new DateOnly(y, m, d), new TimeOnly(h, min));

    public static TheoryData<string, string, string, string> WallClockCases => new()
    {
        // start (Dutch time), term, expected (Dutch time), expected UTC
        { "2026-03-20 10:00", "14d", "2026-04-03 10:00", "2026-04-03 08:00" }, // into summer time: the hour stays, UTC moves
        { "2026-10-20 10:00", "14d", "2026-11-03 10:00", "2026-11-03 09:00" }, // into winter time
        { "2026-03-28 02:30", "1d", "2026-03-29 03:30", "2026-03-29 01:30" },  // 02:30 does not exist that night: on by the hour
        { "2026-10-24 02:30", "1d", "2026-10-25 02:30", "2026-10-25 00:30" },  // 02:30 happens twice: the first (summer time)
        { "2024-01-31 09:00", "1m", "2024-02-29 09:00", "2024-02-29 08:00" },  // month end, leap year
        { "2023-01-31 09:00", "1m", "2023-02-28 09:00", "2023-02-28 08:00" },  // month end
        { "2024-02-29 09:00", "1y", "2025-02-28 09:00", "2025-02-28 08:00" },  // leap day plus a year
        { "2023-01-01 00:00", "9y", "2032-01-01 00:00", "2031-12-31 23:00" },  // a nine-year agreement ends as its day starts
        { "2026-06-01 12:00", "3w", "2026-06-22 12:00", "2026-06-22 10:00" },
    };

    [Theory, MemberData(nameof(WallClockCases))]
    public void TermsKeepTheDutchWallClock(string start, string term, string expectedLocal, string expectedUtc)
    {
        Assert.True(Duration.TryParse(term, out var d));
        var due = Calendar.Add(Parse(start), d);
        Assert.Equal(Parse(expectedLocal), due);
        Assert.Equal(DateTime.SpecifyKind(DateTime.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc), due);
    }

    [Fact]
    public void EveryFourMonths_CountsFromItsAnchor_WithoutDrift()
    {
        Assert.True(Duration.TryParse("4m", out var every));
        var anchor = Local(2023, 1, 31, 9);
        var anchored = Enumerable.Range(1, 27).Select(n => WorkCalendar.DateOf(Calendar.Add(anchor, every.Times(n)))).ToList();
        // Nine years, three times a year; every 31 January comes back as the 31st.
        Assert.Equal(new DateOnly(2023, 5, 31), anchored[0]);
        Assert.Equal(new DateOnly(2023, 9, 30), anchored[1]);
        Assert.Equal(new DateOnly(2024, 1, 31), anchored[2]);
        Assert.Equal(new DateOnly(2032, 1, 31), anchored[^1]);
        Assert.All(anchored.Where(d => d.Month == 1), d => Assert.Equal(31, d.Day));
        // Adding a month term to the previous due date would have drifted to the 30th for good.
        var naive = anchor;
        for (var n = 0; n < 27; n++) naive = Calendar.Add(naive, every);
        Assert.Equal(new DateOnly(2032, 1, 30), WorkCalendar.DateOf(naive));
    }

    public static TheoryData<string, string, string> WorkingDayCases => new()
    {
        // start, term, expected: weekends, Easter, King's Day and Christmas do not count; the start day never does
        { "2026-04-02", "5wd", "2026-04-10" },        // Goede Vrijdag (3 April) counts, Tweede paasdag (6 April) does not
        { "2026-04-24", "2 werkdagen", "2026-04-29" }, // Koningsdag, Monday 27 April 2026
        { "2025-04-25", "1 werkdag", "2025-04-28" },  // 27 April 2025 is a Sunday: Koningsdag on Saturday the 26th
        { "2026-05-13", "1wd", "2026-05-15" },        // Hemelvaartsdag 14 May 2026
        { "2026-05-22", "1wd", "2026-05-26" },        // Tweede pinksterdag 25 May 2026
        { "2026-12-24", "1wd", "2026-12-28" },        // both Christmas days
        { "2026-12-31", "1wd", "2027-01-04" },        // New Year's Day, then the weekend
        { "2025-05-02", "1wd", "2025-05-06" },        // Bevrijdingsdag, 5 May
        { "2026-06-05", "5 werkdagen", "2026-06-12" }, // an ordinary week
    };

    [Theory, MemberData(nameof(WorkingDayCases))]
    public void WorkingDays_SkipWeekendsAndPublicHolidays(string start, string term, string expected)
    {
        Assert.True(Duration.TryParse(term, out var d));
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Calendar.Add(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), d));
        // The same term from a moment keeps its hour, on the Dutch clock.
        var at = Calendar.Add(WorkCalendar.At(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), new TimeOnly(14, 0)), d);
        Assert.Equal(WorkCalendar.At(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), new TimeOnly(14, 0)), at);
    }

    [Theory]
    [InlineData(2024, "2024-03-31")]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2026, "2026-04-05")]
    [InlineData(2027, "2027-03-28")]
    [InlineData(2038, "2038-04-25")]
    public void EasterMondayFollowsEaster(int year, string easter)
    {
        var holidays = Calendar.Holidays(year);
        Assert.Equal("Tweede paasdag", holidays[DateOnly.Parse(easter, System.Globalization.CultureInfo.InvariantCulture).AddDays(1)]);
        Assert.Equal(8, holidays.Count);
    }

    public static TheoryData<string, int, DurationUnit> ParseCases => new()
    {
        { "20d", 20, DurationUnit.Day }, { "4w", 4, DurationUnit.Week }, { "4m", 4, DurationUnit.Month }, { "3y", 3, DurationUnit.Year },
        { "5wd", 5, DurationUnit.WorkingDay }, { "5 werkdagen", 5, DurationUnit.WorkingDay }, { "1 werkdag", 1, DurationUnit.WorkingDay },
        { "14 dagen", 14, DurationUnit.Day }, { "1 maand", 1, DurationUnit.Month }, { "9 jaar", 9, DurationUnit.Year }, { " 2 Weken ", 2, DurationUnit.Week },
    };

    [Theory, MemberData(nameof(ParseCases))]
    public void Durations_ReadInShortAndInWords(string text, int amount, DurationUnit unit)
    {
        Assert.True(Duration.TryParse(text, out var d));
        Assert.Equal((amount, unit), (d.Amount, d.Unit));
        Assert.True(Duration.TryParse(d.ToString(), out var again)); // what is stored reads back the same
        Assert.Equal(d, again);
    }

    [Theory]
    [InlineData("")]
    [InlineData("d")]
    [InlineData("-1d")]
    [InlineData("5 x")]
    [InlineData("5 werkdagen extra")]
    [InlineData("1234567d")]
    public void Durations_RefuseWhatIsNoTerm(string text) => Assert.False(Duration.TryParse(text, out _));

    [Fact]
    public void HolidaysFile_WithErrors_NamesFileLineAndField()
    {
        var path = Path.Combine(Path.GetTempPath(), $"feestdagen-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, """
            weekend: [zaterdag, zondagg]
            feestdagen:
              - { naam: Nieuwjaarsdag, datum: 13-01 }
              - { naam: Paas, pasen: veel }
              - { naam: Beide, datum: 12-25, pasen: 1 }
            extra: [2026-02-30]
            """);
        try
        {
            var errors = Assert.Throws<DefinitionException>(() => WorkCalendar.Load(path)).Errors.Select(e => e.ToString()).ToList();
            var file = Path.GetFileName(path);
            Assert.Contains(errors, e => e.StartsWith($"{file}:1: weekend:", StringComparison.Ordinal) && e.Contains("zondagg"));
            Assert.Contains(errors, e => e.StartsWith($"{file}:3: feestdagen.Nieuwjaarsdag.datum:", StringComparison.Ordinal));
            Assert.Contains(errors, e => e.StartsWith($"{file}:4: feestdagen.Paas.pasen:", StringComparison.Ordinal));
            Assert.Contains(errors, e => e.StartsWith($"{file}:5: feestdagen.Beide:", StringComparison.Ordinal) && e.Contains("precies één"));
            Assert.Contains(errors, e => e.StartsWith($"{file}:6: extra:", StringComparison.Ordinal));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void ADutchDay_IsTheDayInAmsterdam()
    {
        Assert.Equal(new DateOnly(2026, 1, 1), WorkCalendar.DateOf(new DateTime(2025, 12, 31, 23, 30, 0, DateTimeKind.Utc)));
        Assert.Equal(new DateOnly(2026, 7, 1), WorkCalendar.DateOf(new DateTime(2026, 6, 30, 22, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(new DateOnly(2026, 6, 30), WorkCalendar.DateOf(new DateTime(2026, 6, 30, 21, 59, 0, DateTimeKind.Utc)));
    }

    private static DateTime Parse(string local)
    {
        var t = DateTime.ParseExact(local, "yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        return WorkCalendar.At(DateOnly.FromDateTime(t), TimeOnly.FromDateTime(t));
    }
}
