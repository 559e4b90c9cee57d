using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;
using Verwerving.Domain;
using Verwerving.Persistence;
using Verwerving.Privacy;

namespace Verwerving.Import;

/// <summary>
/// Reads a delimited file (';' or ',') with a header row, or a YAML file (.yaml, .yml) holding a list of
/// records with the same field names. Every row error is collected with its line and column or field; if
/// there is any, nothing of the file is imported.
/// </summary>
/// <summary>A file to import: its name (for the report) and its content, from disk or from an upload, read as a stream.</summary>
public sealed record CsvSource(string Name, Func<Stream> Open, Func<long?> Length)
{
    public static CsvSource File(string path) => new(path, () => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16),
        () => System.IO.File.Exists(path) ? new FileInfo(path).Length : null);

    public static CsvSource Stream(string name, long length, Func<Stream> open) => new(name, open, () => length);
}

internal sealed class CsvRows(CsvSource source, IReadOnlyList<string> required)
{
    private const int MaxErrors = 25;
    private const long MaxBytes = 64L * 1024 * 1024;
    /// <summary>No field of these files is longer: codes, dates, figures and a refusal reason.</summary>
    public const int MaxFieldLength = 1000;
    private readonly List<string> _errors = [];
    private readonly string _file = Pseudonymizer.MaskBsns(Path.GetFileName(source.Name));
    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly bool _yaml = Path.GetExtension(source.Name).ToLowerInvariant() is ".yaml" or ".yml";

    public IEnumerable<Row> Read()
    {
        if (source.Length() is not { } length) throw new InputException($"{_file} bestaat niet.");
        if (length > MaxBytes) throw new InputException($"{_file}: groter dan {MaxBytes / 1024 / 1024} MB.");
        Validate();
        if (!_yaml) return ReadCsv();
        using var text = new StreamReader(source.Open(), StrictUtf8, detectEncodingFromByteOrderMarks: true);
        return ReadYaml(text.ReadToEnd());
    }

    /// <summary>
    /// Refuses the file at the first line that is not valid UTF-8 or holds a NUL character. Reads in chunks: a large
    /// file is checked without holding it in memory.
    /// </summary>
    private void Validate()
    {
        using var stream = source.Open();
        var decoder = StrictUtf8.GetDecoder();
        var buffer = new byte[1 << 16];
        var line = 1;
        var first = true;
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            var chunk = buffer.AsSpan(0, read);
            if (first && chunk.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) chunk = chunk[3..];
            first = false;
            if (chunk.IndexOf((byte)0) is var nul and >= 0)
                throw new InputException($"{_file} regel {line + chunk[..nul].Count((byte)'\n')}: bevat een NUL-teken; dit is geen tekstbestand.");
            try { decoder.GetCharCount(chunk, flush: false); }
            catch (System.Text.DecoderFallbackException ex)
            {
                throw new InputException($"{_file} regel {line + chunk[..Math.Clamp(ex.Index, 0, chunk.Length)].Count((byte)'\n')}: geen geldige UTF-8-tekst (sla het bestand op als UTF-8).");
            }
            line += chunk.Count((byte)'\n');
        }
        try { decoder.GetCharCount([], flush: true); }
        catch (System.Text.DecoderFallbackException) { throw new InputException($"{_file} regel {line}: geen geldige UTF-8-tekst (sla het bestand op als UTF-8)."); }
    }

    /// <summary>
    /// A list of records, at the root or under one key (for example <c>metingen:</c>); each record's line is
    /// its line in the file, so an error points where a person edits.
    /// </summary>
    private IEnumerable<Row> ReadYaml(string text)
    {
        var stream = new YamlDotNet.RepresentationModel.YamlStream();
        try
        {
            using var reader = new StringReader(text);
            stream.Load(reader);
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            throw new InputException($"{_file} regel {ex.Start.Line}: geen geldige YAML.");
        }
        var root = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
        if (root is YamlDotNet.RepresentationModel.YamlMappingNode { Children.Count: 1 } wrapper) root = wrapper.Children.Single().Value;
        if (root is not YamlDotNet.RepresentationModel.YamlSequenceNode list)
            throw new InputException($"{_file} regel {root?.Start.Line ?? 1}: verwacht een lijst van records met de velden {string.Join(", ", required)}.");
        foreach (var item in list)
        {
            var line = (int)item.Start.Line;
            if (item is not YamlDotNet.RepresentationModel.YamlMappingNode record)
            {
                _errors.Add($"{_file} regel {line}: verwacht een record met de velden {string.Join(", ", required)}");
                continue;
            }
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (key, value) in record.Children)
            {
                var name = (key as YamlDotNet.RepresentationModel.YamlScalarNode)?.Value?.Trim().ToLowerInvariant() ?? "";
                if (value is not YamlDotNet.RepresentationModel.YamlScalarNode scalar)
                    _errors.Add($"{_file} regel {value.Start.Line}, veld {name}: verwacht één waarde");
                else if ((scalar.Value?.Trim() ?? "").Length > MaxFieldLength)
                    _errors.Add($"{_file} regel {value.Start.Line}, veld {name}: langer dan {MaxFieldLength} tekens");
                else fields[name] = scalar.Value?.Trim() ?? "";
            }
            foreach (var unknown in fields.Keys.Where(k => !required.Contains(k) && !Optional.Contains(k)))
                _errors.Add($"{_file} regel {line}, veld {unknown}: onbekend veld (verwacht: {string.Join(", ", required)})");
            yield return new Row(this, line, fields);
        }
    }

    // Fields a YAML record may carry besides the required ones.
    private static readonly string[] Optional = ["toelichting"];

    private IEnumerable<Row> ReadCsv()
    {
        using var reader = new StreamReader(source.Open(), StrictUtf8, detectEncodingFromByteOrderMarks: true);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = true, DetectDelimiterValues = [";", ","], TrimOptions = TrimOptions.Trim, BadDataFound = null,
            MaxFieldSize = MaxFieldLength, MissingFieldFound = null,
        };
        using var csv = new CsvReader(reader, config);
        List<string> header;
        try
        {
            if (!csv.Read() || !csv.ReadHeader()) throw new InputException($"{_file} regel 1: de kopregel ontbreekt (verwacht: {string.Join(";", required)}).");
            header = csv.HeaderRecord!.Select(h => h.Trim().ToLowerInvariant()).ToList();
        }
        catch (CsvHelperException)
        {
            throw new InputException($"{_file} regel 1: de kopregel is onleesbaar (verwacht: {string.Join(";", required)}).");
        }
        if (header.Count == 1 && header[0].IndexOfAny(['\t', '|']) >= 0)
            throw new InputException($"{_file} regel 1: scheidingsteken ';' of ',' verwacht (tab en '|' worden niet gelezen).");
        var missing = required.Where(r => !header.Contains(r)).ToList();
        if (missing.Count > 0) throw new InputException($"{_file} regel 1: kolom(men) {string.Join(", ", missing)} ontbreken (verwacht: {string.Join(";", required)}).");
        var unexpected = header.Where(h => !required.Contains(h) && !Optional.Contains(h)).ToList();
        if (unexpected.Count > 0)
            throw new InputException($"{_file} regel 1: onverwachte kolom(men) {string.Join(", ", unexpected.Select(u => u.Length > 40 ? u[..40] + "…" : u))} (verwacht: {string.Join(";", required)}).");
        var rows = 0;
        while (true)
        {
            int line;
            Dictionary<string, string>? fields = null;
            try
            {
                if (!csv.Read()) break;
                line = csv.Parser.Row;
                if (csv.Parser.Count != header.Count)
                    _errors.Add($"{_file} regel {line}: {csv.Parser.Count} velden, {header.Count} verwacht");
                else fields = header.Select((h, i) => (h, csv.GetField(i) ?? "")).ToDictionary(x => x.h, x => x.Item2);
            }
            catch (CsvHelperException ex)
            {
                // The exception text quotes the raw line, which may hold a BSN: name only the line.
                var at = ex.Context?.Parser?.Row ?? 0;
                throw new InputException(ex is MaxFieldSizeException
                    ? $"{_file} regel {at}: een veld is langer dan {MaxFieldLength} tekens; er is niets ingelezen."
                    : $"{_file} regel {at}: onleesbare regel (een aanhalingsteken dat niet wordt gesloten?); er is niets ingelezen.");
            }
            rows++;
            if (fields is not null) yield return new Row(this, line, fields);
        }
        if (rows == 0) throw new InputException($"{_file}: bevat geen regels, alleen de kopregel; er is niets ingelezen.");
    }

    public void ThrowIfErrors()
    {
        if (_errors.Count == 0) return;
        throw new InputException($"{_file}: {_errors.Count} fout(en); er is niets ingelezen:" + Environment.NewLine
            + string.Join(Environment.NewLine, _errors.Take(MaxErrors).Select(e => "  " + e))
            + (_errors.Count > MaxErrors ? Environment.NewLine + $"  ... en {_errors.Count - MaxErrors} meer" : ""));
    }

    internal sealed class Row(CsvRows owner, int line, Dictionary<string, string> fields)
    {
        public int Line => line;
        public bool Ok { get; private set; } = true;

        public string Text(string column, bool required = true)
        {
            var v = fields.GetValueOrDefault(column, "");
            if (required && v.Length == 0) Error(column, "is leeg");
            return v;
        }

        public DateOnly? Date(string column, bool required = true)
        {
            var v = Text(column, required);
            if (v.Length == 0) return null;
            if (DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
            Error(column, "is geen datum (JJJJ-MM-DD)");
            return null;
        }

        /// <summary>A number in either notation (1234.5 or 1.234,5) within its range; the value is never echoed.</summary>
        public decimal? Number(string column, decimal min, decimal max, bool required = true)
        {
            var v = Text(column, required);
            if (v.Length == 0) return null;
            var normal = v.Contains(',') ? v.Replace(".", "", StringComparison.Ordinal).Replace(',', '.') : v;
            if (!decimal.TryParse(normal, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var d))
                Error(column, "is geen getal");
            else if (d < min || d > max) Error(column, $"valt buiten het bereik {min.ToString("#,##0.##", CultureInfo.GetCultureInfo("nl-NL"))} tot {max.ToString("#,##0.##", CultureInfo.GetCultureInfo("nl-NL"))}");
            else return d;
            return null;
        }

        public void Error(string column, string message)
        {
            Ok = false;
            owner._errors.Add($"{owner._file} regel {line}, {(owner._yaml ? "veld" : "kolom")} {column}: {message}");
        }
    }
}

public sealed class CsvImporter(VerwervingDb db, Pseudonymizer pseudonymizer, TimeProvider clock)
{
    /// <summary>The kinds of file by their command word, with the Dutch name their reports and audit entries use.</summary>
    public static readonly IReadOnlyDictionary<string, string> Kinds = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["referrals"] = "verwijzingen", ["quality"] = "kwaliteit", ["budgets"] = "budgetten",
    };

    /// <summary>The access team's referral register: who was referred where, and whether the provider accepted.</summary>
    public ImportReport Referrals(string path) => Referrals(CsvSource.File(path));

    public ImportReport Referrals(CsvSource path)
    {
        var rows = new CsvRows(path, ["kenmerk", "bsn", "gemeente", "perceel", "aanbieder", "verwijzer", "datum", "uitkomst", "antwoorddatum", "reden", "complexiteit"]);
        var municipalities = db.Municipalities.Select(m => m.CbsCode).ToHashSet();
        var lots = db.Lots.Select(l => l.Code).ToHashSet();
        var providers = db.Providers.ToDictionary(p => p.AgbCode, p => p.Id);
        int added = 0, answered = 0, unchanged = 0;
        using var tx = db.Database.BeginTransaction();
        foreach (var row in rows.Read())
        {
            var reference = row.Text("kenmerk");
            var bsn = row.Text("bsn");
            if (bsn.Length > 0 && !Pseudonymizer.IsValidBsn(bsn)) row.Error("bsn", "geen geldig burgerservicenummer (negen cijfers, elfproef); de waarde wordt niet getoond");
            var municipality = row.Text("gemeente");
            if (municipality.Length > 0 && !municipalities.Contains(municipality)) row.Error("gemeente", "onbekende gemeentecode (CBS)");
            var lot = row.Text("perceel");
            if (lot.Length > 0 && !lots.Contains(lot)) row.Error("perceel", "onbekend perceel");
            var agb = row.Text("aanbieder");
            if (agb.Length > 0 && !providers.ContainsKey(agb)) row.Error("aanbieder", "onbekende AGB-code");
            var referrer = row.Text("verwijzer").ToLowerInvariant() switch
            {
                "gemeente" or "toegang" or "wijkteam" => ReferrerType.AccessTeam, "huisarts" => ReferrerType.GeneralPractitioner,
                "jeugdarts" => ReferrerType.YouthHealthDoctor, "gi" => ReferrerType.CertifiedInstitution,
                "medisch-specialist" => ReferrerType.MedicalSpecialist, "rechter" => ReferrerType.YouthJudge,
                var v => Invalid(row, "verwijzer", v, "gemeente, huisarts, jeugdarts, gi, medisch-specialist of rechter", ReferrerType.AccessTeam),
            };
            var complexity = row.Text("complexiteit").ToLowerInvariant() switch
            {
                "licht" => Complexity.Light, "complex" => Complexity.Complex,
                var v => Invalid(row, "complexiteit", v, "licht of complex", Complexity.Light),
            };
            var outcome = row.Text("uitkomst").ToLowerInvariant() switch
            {
                "geaccepteerd" => ReferralOutcome.Accepted, "geweigerd" => ReferralOutcome.Refused, "open" => ReferralOutcome.Pending,
                var v => Invalid(row, "uitkomst", v, "geaccepteerd, geweigerd of open", ReferralOutcome.Pending),
            };
            var date = row.Date("datum");
            var answeredOn = row.Date("antwoorddatum", required: outcome != ReferralOutcome.Pending);
            var reason = row.Text("reden", required: outcome == ReferralOutcome.Refused);
            if (!row.Ok) continue;

            var existing = db.Referrals.Local.FirstOrDefault(r => r.Reference == reference) ?? db.Referrals.FirstOrDefault(r => r.Reference == reference);
            if (existing is not null)
            {
                if (existing.ClientPseudonym != pseudonymizer.Pseudonymize(bsn) || existing.MunicipalityCode != municipality || existing.ProviderId != providers[agb])
                {
                    row.Error("kenmerk", "deze verwijzing staat er al met een andere cliënt, gemeente of aanbieder; een kenmerk hoort bij één verwijzing");
                    continue;
                }
                if (existing.Outcome == outcome && existing.AnsweredOn == answeredOn) { unchanged++; continue; }
                if (existing.Outcome != ReferralOutcome.Pending)
                {
                    row.Error("uitkomst", "deze verwijzing is al beantwoord; een ander antwoord vraagt een nieuwe verwijzing");
                    continue;
                }
                if (Answer(row, existing, outcome, answeredOn!.Value, reason)) answered++;
                continue;
            }
            var referral = new Referral(reference, pseudonymizer.Pseudonymize(bsn), municipality, lot, providers[agb], referrer, complexity, date!.Value);
            if (outcome != ReferralOutcome.Pending && !Answer(row, referral, outcome, answeredOn!.Value, reason)) continue;
            db.Referrals.Add(referral);
            added++;
        }
        rows.ThrowIfErrors();
        return Commit(tx, path, Kinds["referrals"], added + answered, $"{added} verwijzingen toegevoegd, {answered} beantwoord, {unchanged} ongewijzigd");
    }

    /// <summary>Quality figures per provider, indicator and period; a corrected figure replaces the earlier one.</summary>
    public ImportReport Quality(string path) => Quality(CsvSource.File(path));

    public ImportReport Quality(CsvSource path)
    {
        var rows = new CsvRows(path, ["aanbieder", "indicator", "van", "tot", "waarde", "aantal"]);
        var providers = db.Providers.ToDictionary(p => p.AgbCode, p => p.Id);
        int added = 0, corrected = 0, unchanged = 0;
        using var tx = db.Database.BeginTransaction();
        foreach (var row in rows.Read())
        {
            var agb = row.Text("aanbieder");
            if (agb.Length > 0 && !providers.ContainsKey(agb)) row.Error("aanbieder", "onbekende AGB-code");
            var indicator = row.Text("indicator");
            var from = row.Date("van");
            var to = row.Date("tot");
            var value = row.Number("waarde", -1_000_000m, 1_000_000m);
            var basis = row.Number("aantal", 0, int.MaxValue, required: false);
            if (basis is not null && basis % 1 != 0) row.Error("aantal", "is geen geheel getal");
            if (!row.Ok) continue;
            var providerId = providers[agb];
            var existing = db.QualityMeasurements.Local.FirstOrDefault(q => q.ProviderId == providerId && q.Indicator == indicator && q.PeriodStart == from)
                           ?? db.QualityMeasurements.FirstOrDefault(q => q.ProviderId == providerId && q.Indicator == indicator && q.PeriodStart == from);
            try
            {
                if (existing is null)
                {
                    db.QualityMeasurements.Add(new QualityMeasurement(providerId, indicator, from!.Value, to!.Value, value!.Value, (int?)basis));
                    added++;
                }
                else if (existing.Value == value && existing.PeriodEnd == to && existing.Basis == (int?)basis) unchanged++;
                else
                {
                    existing.Correct(to!.Value, value!.Value, (int?)basis);
                    corrected++;
                }
            }
            catch (DomainException ex) { row.Error("tot", ex.Message); }
        }
        rows.ThrowIfErrors();
        return Commit(tx, path, Kinds["quality"], added + corrected, $"{added} metingen toegevoegd, {corrected} gecorrigeerd, {unchanged} ongewijzigd");
    }

    /// <summary>Council budget frames per municipality and year, in euros; a changed amount is a budget amendment.</summary>
    public ImportReport Budgets(string path) => Budgets(CsvSource.File(path));

    public ImportReport Budgets(CsvSource path)
    {
        var rows = new CsvRows(path, ["gemeente", "jaar", "bedrag"]);
        var municipalities = db.Municipalities.Select(m => m.CbsCode).ToHashSet();
        int added = 0, amended = 0, unchanged = 0;
        using var tx = db.Database.BeginTransaction();
        foreach (var row in rows.Read())
        {
            var code = row.Text("gemeente");
            if (code.Length > 0 && !municipalities.Contains(code)) row.Error("gemeente", "onbekende gemeentecode (CBS)");
            var year = row.Number("jaar", 2015, 2100);
            var euros = row.Number("bedrag", 0, 100_000_000_000m);
            if (year is not null && (year % 1 != 0)) row.Error("jaar", "is geen jaartal");
            if (!row.Ok) continue;
            var cents = (long)Math.Round(euros!.Value * 100, MidpointRounding.AwayFromZero);
            var y = (int)year!.Value;
            var existing = db.BudgetFrames.Local.FirstOrDefault(b => b.MunicipalityCode == code && b.Year == y)
                           ?? db.BudgetFrames.FirstOrDefault(b => b.MunicipalityCode == code && b.Year == y);
            try
            {
                if (existing is null) { db.BudgetFrames.Add(new BudgetFrame(code, y, cents)); added++; }
                else if (existing.AmountCents == cents) unchanged++;
                else { existing.Amend(cents); amended++; }
            }
            catch (DomainException ex) { row.Error("bedrag", ex.Message); }
        }
        rows.ThrowIfErrors();
        return Commit(tx, path, Kinds["budgets"], added + amended, $"{added} budgetten toegevoegd, {amended} gewijzigd, {unchanged} ongewijzigd");
    }

    private static bool Answer(CsvRows.Row row, Referral referral, ReferralOutcome outcome, DateOnly on, string reason)
    {
        try
        {
            if (outcome == ReferralOutcome.Accepted) referral.Accept(on);
            else if (outcome == ReferralOutcome.Refused) referral.Refuse(on, reason);
            return true;
        }
        catch (DomainException ex)
        {
            row.Error("antwoorddatum", ex.Message);
            return false;
        }
    }

    private static T Invalid<T>(CsvRows.Row row, string column, string value, string expected, T fallback)
    {
        if (value.Length > 0) row.Error(column, $"onbekende waarde (verwacht {expected})");
        return fallback;
    }

    private ImportReport Commit(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction tx, CsvSource path, string kind, int changed, string summary)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var file = Pseudonymizer.MaskBsns(Path.GetFileName(path.Name));
        if (changed > 0) db.Audit(now, Roles.System, $"import.{kind}", "Bestand", file, System.Text.Json.JsonSerializer.Serialize(new { samenvatting = summary }));
        db.SaveChanges();
        tx.Commit();
        return new ImportReport(file, changed > 0 ? ImportStatus.Imported : ImportStatus.AlreadyImported, kind, changed, summary);
    }
}
