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
internal sealed class CsvRows(string path, IReadOnlyList<string> required)
{
    private const int MaxErrors = 25;
    private const long MaxYamlBytes = 64L * 1024 * 1024;
    private readonly List<string> _errors = [];
    private readonly string _file = Path.GetFileName(path);
    private readonly bool _yaml = Path.GetExtension(path).ToLowerInvariant() is ".yaml" or ".yml";

    public IEnumerable<Row> Read()
    {
        if (!File.Exists(path)) throw new InputException($"{path} bestaat niet.");
        return _yaml ? ReadYaml() : ReadCsv();
    }

    /// <summary>
    /// A list of records, at the root or under one key (for example <c>metingen:</c>); each record's line is
    /// its line in the file, so an error points where a person edits.
    /// </summary>
    private IEnumerable<Row> ReadYaml()
    {
        if (new FileInfo(path).Length > MaxYamlBytes) throw new InputException($"{_file}: groter dan {MaxYamlBytes / 1024 / 1024} MB.");
        var stream = new YamlDotNet.RepresentationModel.YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            stream.Load(reader);
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            throw new InputException($"{_file} regel {ex.Start.Line}: geen geldige YAML ({ex.InnerException?.Message ?? ex.Message}).");
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
                if (value is YamlDotNet.RepresentationModel.YamlScalarNode scalar) fields[name] = scalar.Value?.Trim() ?? "";
                else _errors.Add($"{_file} regel {value.Start.Line}, veld {name}: verwacht één waarde");
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
        using var reader = new StreamReader(path);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { DetectDelimiter = true, TrimOptions = TrimOptions.Trim, BadDataFound = null };
        using var csv = new CsvReader(reader, config);
        if (!csv.Read() || !csv.ReadHeader()) throw new InputException($"{_file} regel 1: de kopregel ontbreekt (verwacht: {string.Join(";", required)}).");
        var header = csv.HeaderRecord!.Select(h => h.Trim().ToLowerInvariant()).ToList();
        var missing = required.Where(r => !header.Contains(r)).ToList();
        if (missing.Count > 0) throw new InputException($"{_file} regel 1: kolom(men) {string.Join(", ", missing)} ontbreken (verwacht: {string.Join(";", required)}).");
        while (csv.Read())
        {
            var line = csv.Parser.RawRow;
            yield return new Row(this, line, header.Select((h, i) => (h, csv.GetField(i) ?? "")).ToDictionary(x => x.h, x => x.Item2));
        }
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
            Error(column, $"'{v}' is geen datum (JJJJ-MM-DD)");
            return null;
        }

        /// <summary>A number in either notation: 1234.5 or 1.234,5.</summary>
        public decimal? Number(string column, bool required = true)
        {
            var v = Text(column, required);
            if (v.Length == 0) return null;
            var normal = v.Contains(',') ? v.Replace(".", "", StringComparison.Ordinal).Replace(',', '.') : v;
            if (decimal.TryParse(normal, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var d)) return d;
            Error(column, $"'{v}' is geen getal");
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
    /// <summary>The access team's referral register: who was referred where, and whether the provider accepted.</summary>
    public ImportReport Referrals(string path)
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
            if (municipality.Length > 0 && !municipalities.Contains(municipality)) row.Error("gemeente", $"gemeente {municipality} is niet bekend");
            var lot = row.Text("perceel");
            if (lot.Length > 0 && !lots.Contains(lot)) row.Error("perceel", $"perceel {lot} is niet bekend");
            var agb = row.Text("aanbieder");
            if (agb.Length > 0 && !providers.ContainsKey(agb)) row.Error("aanbieder", $"aanbieder met AGB-code {agb} is niet bekend");
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
                if (existing.Outcome == outcome && existing.AnsweredOn == answeredOn) { unchanged++; continue; }
                if (existing.Outcome != ReferralOutcome.Pending)
                {
                    row.Error("uitkomst", $"verwijzing {reference} is al beantwoord ({existing.Outcome}); een ander antwoord vraagt een nieuwe verwijzing");
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
        return Commit(tx, path, "verwijzingen", added + answered, $"{added} verwijzingen toegevoegd, {answered} beantwoord, {unchanged} ongewijzigd");
    }

    /// <summary>Quality figures per provider, indicator and period; a corrected figure replaces the earlier one.</summary>
    public ImportReport Quality(string path)
    {
        var rows = new CsvRows(path, ["aanbieder", "indicator", "van", "tot", "waarde", "aantal"]);
        var providers = db.Providers.ToDictionary(p => p.AgbCode, p => p.Id);
        int added = 0, corrected = 0, unchanged = 0;
        using var tx = db.Database.BeginTransaction();
        foreach (var row in rows.Read())
        {
            var agb = row.Text("aanbieder");
            if (agb.Length > 0 && !providers.ContainsKey(agb)) row.Error("aanbieder", $"aanbieder met AGB-code {agb} is niet bekend");
            var indicator = row.Text("indicator");
            var from = row.Date("van");
            var to = row.Date("tot");
            var value = row.Number("waarde");
            var basis = row.Number("aantal", required: false);
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
        return Commit(tx, path, "kwaliteit", added + corrected, $"{added} metingen toegevoegd, {corrected} gecorrigeerd, {unchanged} ongewijzigd");
    }

    /// <summary>Council budget frames per municipality and year, in euros; a changed amount is a budget amendment.</summary>
    public ImportReport Budgets(string path)
    {
        var rows = new CsvRows(path, ["gemeente", "jaar", "bedrag"]);
        var municipalities = db.Municipalities.Select(m => m.CbsCode).ToHashSet();
        int added = 0, amended = 0, unchanged = 0;
        using var tx = db.Database.BeginTransaction();
        foreach (var row in rows.Read())
        {
            var code = row.Text("gemeente");
            if (code.Length > 0 && !municipalities.Contains(code)) row.Error("gemeente", $"gemeente {code} is niet bekend");
            var year = row.Number("jaar");
            var euros = row.Number("bedrag");
            if (year is not null && (year % 1 != 0)) row.Error("jaar", $"'{year}' is geen jaartal");
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
        return Commit(tx, path, "budgetten", added + amended, $"{added} budgetten toegevoegd, {amended} gewijzigd, {unchanged} ongewijzigd");
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
        if (value.Length > 0) row.Error(column, $"'{value}' is onbekend (verwacht {expected})");
        return fallback;
    }

    private ImportReport Commit(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction tx, string path, string kind, int changed, string summary)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (changed > 0) db.Audit(now, Roles.System, $"import.{kind}", "Bestand", Path.GetFileName(path), System.Text.Json.JsonSerializer.Serialize(new { samenvatting = summary }));
        db.SaveChanges();
        tx.Commit();
        return new ImportReport(Path.GetFileName(path), changed > 0 ? ImportStatus.Imported : ImportStatus.AlreadyImported, kind, changed, summary);
    }
}
