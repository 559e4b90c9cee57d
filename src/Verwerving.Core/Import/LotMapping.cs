using Verwerving.Domain;
using YamlDotNet.RepresentationModel;

namespace Verwerving.Import;

/// <summary>
/// Which lot an iJw product belongs to: by product code or category, the longest matching prefix wins.
/// Kept in rules/ijw-percelen.yaml so a region maps its own product codes without a rebuild.
/// </summary>
public sealed class LotMapping(IReadOnlyDictionary<string, string> prefixes)
{
    public const string FileName = "ijw-percelen.yaml";

    public static LotMapping Load(string? path = null)
    {
        path ??= Path.Combine(Installation.Folder("rules"), FileName);
        if (!File.Exists(path)) throw new InputException($"Het bestand met iJw-productcodes per perceel ontbreekt: {path}.");
        var stream = new YamlStream();
        try { stream.Load(new StringReader(File.ReadAllText(path))); }
        catch (YamlDotNet.Core.YamlException ex) { throw new InputException($"{Path.GetFileName(path)} regel {ex.Start.Line}: {ex.Message}"); }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root
            || !root.Children.TryGetValue(new YamlScalarNode("percelen"), out var node) || node is not YamlMappingNode map)
            throw new InputException($"{Path.GetFileName(path)} regel 1, percelen: een mapping van productcode of -categorie naar perceelcode.");
        return new LotMapping(map.Children.ToDictionary(kv => ((YamlScalarNode)kv.Key).Value!, kv => ((YamlScalarNode)kv.Value).Value!));
    }

    // Read from the import's parser thread: the answers are cached, the mapping itself never changes.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string, string), string?> _answers = new();

    public string? LotFor(string? productCode, string category) => _answers.GetOrAdd((productCode ?? "", category), k => Find(k.Item1, k.Item2));

    private string? Find(string code, string category)
    {
        var best = prefixes.Keys.Where(k => code.StartsWith(k, StringComparison.Ordinal) || category == k).MaxBy(k => k.Length);
        return best is null ? null : prefixes[best];
    }
}
