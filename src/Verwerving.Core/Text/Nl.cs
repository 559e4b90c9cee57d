using System.Globalization;

namespace Verwerving.Text;

/// <summary>Dutch formatting of the figures users read: euros, percentages, dates.</summary>
public static class Nl
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("nl-NL");

    /// <summary>€ 1.234.567 (whole euros) from cents.</summary>
    public static string Euro(long cents) => "€ " + Math.Round(cents / 100m, MidpointRounding.AwayFromZero).ToString("#,##0", Culture);

    /// <summary>€ 1.234,56 from cents.</summary>
    public static string EuroCents(long cents) => "€ " + (cents / 100m).ToString("#,##0.00", Culture);

    /// <summary>12,3% from a fraction 0.123.</summary>
    public static string Percent(decimal fraction, int decimals = 1) =>
        (fraction * 100).ToString("0." + new string('0', decimals), Culture) + "%";

    public static string Number(decimal value) => value.ToString("#,##0.##", Culture);

    /// <summary>A figure in the unit the norms file gives it: a fraction as a percentage, euros as euros, anything else as a number.</summary>
    public static string Measure(decimal value, string unit) => unit switch
    {
        "fractie" => Percent(value),
        "euro" => Euro((long)Math.Round(value * 100m)),
        _ => Number(value),
    };

    /// <summary>5 januari 2026.</summary>
    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", Culture);

    /// <summary>5 januari 2026 from a stored UTC moment, on the Dutch calendar.</summary>
    public static string Date(DateTime utc) => Date(Workflows.WorkCalendar.DateOf(utc));

    /// <summary>5 januari 2026 14:30, Dutch wall-clock time, from a stored UTC moment.</summary>
    public static string DateTime(DateTime utc, string format = "d MMMM yyyy HH:mm") => Workflows.WorkCalendar.LocalOf(utc).ToString(format, Culture);

    public static string Period(DateOnly from, DateOnly to) =>
        from.Day == 1 && from.Month == 1 && to.Month == 12 && to.Day == 31 && from.Year == to.Year ? from.Year.ToString(CultureInfo.InvariantCulture)
        : $"{Date(from)} t/m {Date(to)}";

    public static string Severity(Domain.Severity severity) => severity switch
    {
        Domain.Severity.Blocking => "blokkerend",
        Domain.Severity.Violation => "overtreding",
        Domain.Severity.Warning => "waarschuwing",
        _ => "signaal",
    };

    public static string TenderPhase(Domain.TenderPhase phase) => phase switch
    {
        Domain.TenderPhase.Preparation => "Voorbereiding",
        Domain.TenderPhase.Announced => "Aankondiging",
        Domain.TenderPhase.Selection => "Selectie van gegadigden",
        Domain.TenderPhase.Dialogue => "Dialoogfase",
        Domain.TenderPhase.FinalBids => "Definitieve inschrijvingen",
        Domain.TenderPhase.Assessment => "Beoordeling",
        Domain.TenderPhase.IntendedAward => "Voorgenomen gunning",
        Domain.TenderPhase.Standstill => "Standstilltermijn",
        Domain.TenderPhase.Awarded => "Gegund",
        Domain.TenderPhase.Contracted => "Overeenkomsten ondertekend",
        _ => "Ingetrokken",
    };
}
