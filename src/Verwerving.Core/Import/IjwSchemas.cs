using System.Xml;
using System.Xml.Schema;
using Verwerving.Domain;

namespace Verwerving.Import;

/// <summary>The iJw 3.2 schemas of a folder, one compiled set per message type (as the standard publishes them).</summary>
public sealed class IjwSchemas
{
    private readonly string _folder;
    private readonly Dictionary<string, XmlSchemaSet> _sets = [];

    public IjwSchemas(string folder)
    {
        if (!Directory.Exists(folder)) throw new InputException($"Schemamap {folder} bestaat niet.");
        if (Directory.GetFiles(folder, "JW*.xsd").Length == 0) throw new InputException($"Geen JW*.xsd-schema's in {folder}.");
        _folder = folder;
    }

    public XmlSchemaSet For(string rootNamespace, string file)
    {
        var code = rootNamespace.TrimEnd('/').Split('/').Reverse().Skip(1).FirstOrDefault()?.ToUpperInvariant() ?? "";
        if (_sets.TryGetValue(code, out var cached)) return cached;
        var path = Path.Combine(_folder, code + ".xsd");
        if (!File.Exists(path)) throw new ImportException(file, 1, "Bericht", $"geen schema {code}.xsd in {_folder} voor namespace '{rootNamespace}'");
        var set = new XmlSchemaSet { XmlResolver = new XmlUrlResolver() };
        try
        {
            // The message schemas import "basisschema.xsd"; on a case-sensitive file system that may be a link file, so add it first.
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit };
            if (Directory.GetFiles(_folder, "*.xsd").FirstOrDefault(f => Path.GetFileName(f).Equals("basisschema.xsd", StringComparison.OrdinalIgnoreCase)
                    && new FileInfo(f).Length > 1024) is { } basis)
            {
                using var b = XmlReader.Create(basis, settings);
                set.Add(null, b);
            }
            using var reader = XmlReader.Create(path, settings);
            set.Add(null, reader);
            set.Compile();
        }
        catch (Exception ex) when (ex is XmlException or XmlSchemaException)
        {
            throw new InputException($"Schema {Path.GetFileName(path)}: {ex.Message}");
        }
        return _sets[code] = set;
    }
}
