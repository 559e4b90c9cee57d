using System.Globalization;
using Verwerving.Domain;
using Verwerving.Workflows;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Verwerving.Rules;

public sealed record NormValue(DateOnly From, decimal Value, string File);

public sealed record Norm(string Key, string Description, string Unit, string Source, IReadOnlyList<NormValue> Defaults);

/// <summary>
/// The thresholds the rules judge against: a default file plus per-region overrides, each value with
/// the date from which it holds, so a check of 2021 uses the norms of 2021.
/// </summary>
public sealed class NormBook
{
    public const string DefaultFile = "default.yaml";

    private readonly Dictionary<string, Norm> _norms;
    private readonly Dictionary<(string Region, string Key), List<NormValue>> _overrides;

    private NormBook(Dictionary<string, Norm> norms, Dictionary<(string, string), List<NormValue>> overrides, string folder)
    {
        _norms = norms;
        _overrides = overrides;
        Folder = folder;
    }

    public string Folder { get; }
    public IReadOnlyCollection<Norm> All => _norms.Values;
    public IEnumerable<string> Regions => _overrides.Keys.Select(k => k.Region).Distinct().Order(StringComparer.Ordinal);

    /// <summary>The norms folder of the installation: rules/norms.</summary>
    public static string DefaultFolder() => Path.Combine(Installation.Folder("rules"), "norms");

    public static NormBook Load(string? folder = null)
    {
        folder ??= DefaultFolder();
        var errors = new List<DefinitionError>();
        var defaultPath = Path.Combine(folder, DefaultFile);
        if (!File.Exists(defaultPath)) throw new InputException($"Normenbestand {defaultPath} ontbreekt.");
        var norms = new Dictionary<string, Norm>(StringComparer.Ordinal);
        var root = Read(defaultPath, errors);
        if (root is not null && Child(root, "norms") is YamlMappingNode map)
        {
            foreach (var (k, v) in map.Children)
            {
                var key = ((YamlScalarNode)k).Value!;
                if (v is not YamlMappingNode n) { errors.Add(Error(defaultPath, k, key, "een norm heeft description, unit, source en values")); continue; }
                string Text(string field)
                {
                    if (Child(n, field) is YamlScalarNode { Value: { Length: > 0 } s }) return s;
                    errors.Add(Error(defaultPath, n, $"{key}.{field}", "ontbreekt"));
                    return "";
                }
                var values = Values(defaultPath, Child(n, "values"), n, key, errors);
                if (values.Count == 0) errors.Add(Error(defaultPath, n, $"{key}.values", "een norm heeft ten minste één waarde"));
                norms[key] = new Norm(key, Text("description"), Text("unit"), Text("source"), values);
            }
        }
        else if (root is not null) errors.Add(Error(defaultPath, root, "norms", "ontbreekt"));

        var overrides = new Dictionary<(string, string), List<NormValue>>();
        foreach (var path in Directory.GetFiles(folder, "*.yaml").Where(p => Path.GetFileName(p) != DefaultFile).Order(StringComparer.Ordinal))
        {
            var r = Read(path, errors);
            if (r is null) continue;
            var region = (Child(r, "region") as YamlScalarNode)?.Value;
            if (string.IsNullOrWhiteSpace(region)) { errors.Add(Error(path, r, "region", "ontbreekt: een afwijkend normenbestand hoort bij één regio")); continue; }
            if (Child(r, "norms") is not YamlMappingNode m) { errors.Add(Error(path, r, "norms", "ontbreekt")); continue; }
            foreach (var (k, v) in m.Children)
            {
                var key = ((YamlScalarNode)k).Value!;
                if (!norms.ContainsKey(key)) errors.Add(Error(path, k, key, $"onbekende norm (bekend: zie {DefaultFile})"));
                else overrides[(region, key)] = Values(path, v, k, key, errors);
            }
        }
        if (errors.Count > 0) throw new DefinitionException(errors);
        return new NormBook(norms, overrides, folder);
    }

    /// <summary>The value of <paramref name="key"/> for <paramref name="region"/> on <paramref name="at"/>: the region's own if it has one then.</summary>
    public decimal Value(string key, string? region, DateOnly at) => Resolve(key, region, at).Value;

    public Norm? Find(string key) => _norms.GetValueOrDefault(key);

    public NormValue Resolve(string key, string? region, DateOnly at)
    {
        if (!_norms.TryGetValue(key, out var norm)) throw new InvalidOperationException($"Norm '{key}' staat niet in {DefaultFile}.");
        if (region is not null && _overrides.TryGetValue((region, key), out var own) && own.LastOrDefault(v => v.From <= at) is { } o) return o;
        return norm.Defaults.LastOrDefault(v => v.From <= at)
               ?? throw new InputException($"Norm '{key}' geldt pas vanaf {norm.Defaults[0].From:yyyy-MM-dd}; er is geen waarde op {at:yyyy-MM-dd}.");
    }

    public NormView For(string? region, DateOnly at) => new(this, region, at);

    private static List<NormValue> Values(string path, YamlNode? node, YamlNode owner, string key, List<DefinitionError> errors)
    {
        var result = new List<NormValue>();
        if (node is not YamlSequenceNode seq) { errors.Add(Error(path, owner, $"{key}.values", "een lijst van { from: JJJJ-MM-DD, value: getal }")); return result; }
        foreach (var item in seq.Children.OfType<YamlMappingNode>())
        {
            var fromText = (Child(item, "from") as YamlScalarNode)?.Value;
            var valueText = (Child(item, "value") as YamlScalarNode)?.Value;
            if (!DateOnly.TryParseExact(fromText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from))
                errors.Add(Error(path, item, $"{key}.from", $"'{fromText}' is geen datum (JJJJ-MM-DD)"));
            else if (!decimal.TryParse(valueText, NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
                errors.Add(Error(path, item, $"{key}.value", $"'{valueText}' is geen getal"));
            else if (result.Count > 0 && result[^1].From >= from)
                errors.Add(Error(path, item, $"{key}.from", "waarden staan op volgorde van ingangsdatum, elke datum één keer"));
            else result.Add(new NormValue(from, value, Path.GetFileName(path)));
        }
        return result;
    }

    private static YamlMappingNode? Read(string path, List<DefinitionError> errors)
    {
        var stream = new YamlStream();
        try { stream.Load(new StringReader(File.ReadAllText(path))); }
        catch (YamlException ex)
        {
            errors.Add(new DefinitionError(Path.GetFileName(path), (int)ex.Start.Line, "yaml", ex.InnerException?.Message ?? ex.Message));
            return null;
        }
        if (stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode root) return root;
        errors.Add(new DefinitionError(Path.GetFileName(path), 1, "(bestand)", "een normenbestand is een YAML-mapping"));
        return null;
    }

    private static YamlNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    private static DefinitionError Error(string path, YamlNode node, string field, string message) =>
        new(Path.GetFileName(path), (int)node.Start.Line, field, message);
}

/// <summary>The norms as they hold for one region on one date: what a fact is judged against.</summary>
public sealed class NormView(NormBook book, string? region, DateOnly at)
{
    public string? Region => region;
    public DateOnly At => at;
    public decimal this[string key] => book.Value(key, region, at);
}
