using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Verwerving.Persistence;

namespace Verwerving.Workflows;

/// <summary>A value a person may pick for a parameter (an AGB code with the provider's name, a CBS code with the municipality's).</summary>
public sealed record ParameterOption(string Value, string Label);

/// <summary>
/// Reads a trigger parameter by its type and checks it against the records: a provider is an AGB code that exists, a
/// municipality a CBS code of the instance's regions, money is euros in Dutch notation, a choice one of its values. A wrong
/// value is refused with the parameter's label and what is allowed.
/// </summary>
public static partial class ParameterValues
{
    /// <summary>The type names a definition writes (type: provider), one per kind.</summary>
    public static readonly IReadOnlyDictionary<string, ParameterKind> TypeNames = new Dictionary<string, ParameterKind>(StringComparer.Ordinal)
    {
        ["text"] = ParameterKind.Text, ["number"] = ParameterKind.Number, ["date"] = ParameterKind.Date, ["bool"] = ParameterKind.Bool,
        ["provider"] = ParameterKind.Provider, ["municipality"] = ParameterKind.Municipality, ["money"] = ParameterKind.Money,
        ["choice"] = ParameterKind.Choice, ["region"] = ParameterKind.PurchasingRegion,
    };

    public static string TypeName(ParameterKind kind) => TypeNames.First(t => t.Value == kind).Key;

    public static (Value Value, string? Problem) Read(VerwervingDb db, ParameterDefinition p, string text, IReadOnlyList<string> scope, string subject = "")
    {
        switch (p.Kind)
        {
            case ParameterKind.Number:
                return decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? (new(n), null) : (Value.Null, $"{p.Label}: verwacht een getal.");
            case ParameterKind.Date:
                return ParseDate(text) is { } d ? (new(d), null) : (Value.Null, $"{p.Label}: verwacht een datum (2026-12-01 of 1-12-2026).");
            case ParameterKind.Bool:
                return text switch
                {
                    "true" or "ja" => (new(true), null),
                    "false" or "nee" => (new(false), null),
                    _ => (Value.Null, $"{p.Label}: verwacht ja of nee."),
                };
            case ParameterKind.Money:
                return ParseEuros(text) is { } euros ? (new(euros), null) : (Value.Null, $"{p.Label}: verwacht een bedrag in euro's (3.100.000 of 3.100.000,00).");
            case ParameterKind.Choice:
                return p.Options.Contains(text) ? (new(text), null) : (Value.Null, $"{p.Label}: kies {string.Join(", ", p.Options.SkipLast(1))} of {p.Options[^1]}.");
            case ParameterKind.Provider:
                if (db.Providers.AsNoTracking().Any(x => x.AgbCode == text)) return (new(text), null);
                return (Value.Null, text.Length == 8 && text.All(char.IsAsciiDigit)
                    ? $"{p.Label}: er is geen aanbieder met AGB-code {text}."
                    : $"{p.Label}: verwacht de AGB-code van een aanbieder (acht cijfers).");
            case ParameterKind.Municipality:
                var allowed = Options(db, p, scope);
                if (allowed.Any(o => o.Value == text)) return (new(text), null);
                return (Value.Null, $"{p.Label}: verwacht de CBS-code van een gemeente in {string.Join(" of ", scope)} ({string.Join(", ", allowed.Select(o => $"{o.Value} {o.Label}"))}).");
            case ParameterKind.PurchasingRegion:
                var regions = Options(db, p, scope, subject);
                if (regions.Any(o => o.Value == text)) return (new(text), null);
                return (Value.Null, regions.Count == 0 ? $"{p.Label}: geen andere regio koopt in bij deze aanbieder."
                    : $"{p.Label}: kies een andere regio die bij de aanbieder inkoopt ({string.Join(", ", regions.Select(o => $"{o.Value} {o.Label}"))}).");
            default:
                return (new(text), null);
        }
    }

    /// <summary>What a person may pick for a parameter, for a pick list; empty for free input.</summary>
    public static IReadOnlyList<ParameterOption> Options(VerwervingDb db, ParameterDefinition p, IReadOnlyList<string> scope, string subject = "") => p.Kind switch
    {
        ParameterKind.PurchasingRegion => OtherRegions(db, subject),
        ParameterKind.Provider => db.Providers.AsNoTracking().OrderBy(x => x.Name).Select(x => new ParameterOption(x.AgbCode, x.Name)).ToList(),
        ParameterKind.Municipality => db.Municipalities.AsNoTracking().Where(m => scope.Contains(m.RegionCode)).OrderBy(m => m.Name)
            .Select(m => new ParameterOption(m.CbsCode, m.Name)).ToList(),
        ParameterKind.Choice => p.Options.Select(o => new ParameterOption(o, o)).ToList(),
        ParameterKind.Bool => [new("ja", "ja"), new("nee", "nee")],
        _ => [],
    };

    private static List<ParameterOption> OtherRegions(VerwervingDb db, string subject)
    {
        var agb = SubjectKinds.RecordKey(subject);
        if (db.Providers.AsNoTracking().FirstOrDefault(x => x.AgbCode == agb) is not { } provider) return [];
        var names = db.Regions.AsNoTracking().ToDictionary(r => r.Code, r => r.Name);
        return Domain.PurchasingRegions.Others(db, provider).Select(r => new ParameterOption(r, names.GetValueOrDefault(r, r))).ToList();
    }

    public static DateOnly? ParseDate(string text) =>
        DateOnly.TryParseExact(text, ["yyyy-MM-dd", "d-M-yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    /// <summary>"3.100.000", "3.100.000,00", "3100000", "€ 3.100.000": euros; dots group thousands, a comma marks the cents.</summary>
    public static decimal? ParseEuros(string text)
    {
        var t = text.Replace("€", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        if (!MoneyPattern().IsMatch(t)) return null;
        var euros = decimal.Parse(t.Replace(".", "", StringComparison.Ordinal).Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture);
        return euros < 0 ? null : euros;
    }

    [GeneratedRegex(@"^(\d{1,3}(\.\d{3})+|\d+)(,\d{1,2})?$")]
    private static partial Regex MoneyPattern();
}
