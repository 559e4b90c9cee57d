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
        var resolver = new FolderResolver(_folder);
        var set = new XmlSchemaSet { XmlResolver = resolver };
        try
        {
            // Every include and import goes through one resolver, so "basisschema.xsd" and "Basisschema.xsd" (or a link
            // between them) are one schema, not two that declare the same types.
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = resolver };
            using var reader = XmlReader.Create(FolderResolver.Canonical(path), settings);
            set.Add(null, reader);
            set.Compile();
        }
        catch (Exception ex) when (ex is XmlException or XmlSchemaException)
        {
            throw new InputException($"Schema {Path.GetFileName(path)}: {ex.Message}");
        }
        return _sets[code] = set;
    }

    /// <summary>
    /// Resolves a schema location by its file name, case-insensitively, to the one real file in the schema folder
    /// (links followed); anything outside the folder or over the network is not resolved.
    /// </summary>
    private sealed class FolderResolver(string folder) : XmlResolver
    {
        /// <summary>
        /// The real file behind a name: links followed, and also a link that git checked out as a small text file
        /// holding the target's name (as on a file system or clone without symbolic links).
        /// </summary>
        public static string Canonical(string path)
        {
            for (var hop = 0; hop < 4; hop++)
            {
                path = File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? Path.GetFullPath(path);
                if (new FileInfo(path).Length > 255) break;
                var target = Path.Combine(Path.GetDirectoryName(path)!, File.ReadAllText(path).Trim());
                if (!target.EndsWith(".xsd", StringComparison.OrdinalIgnoreCase) || !File.Exists(target)) break;
                path = target;
            }
            return path;
        }

        public override Uri ResolveUri(Uri? baseUri, string? relativeUri)
        {
            var name = Path.GetFileName((relativeUri ?? "").Replace('\\', '/'));
            var match = Directory.GetFiles(folder, "*.xsd").Where(f => Path.GetFileName(f).Equals(name, StringComparison.OrdinalIgnoreCase))
                .OrderBy(f => Path.GetFileName(f) == name ? 0 : 1).FirstOrDefault()
                ?? throw new XmlSchemaException($"schema '{name}' niet gevonden in de schemamap");
            return new Uri(Canonical(match));
        }

        public override object? GetEntity(Uri absoluteUri, string? role, Type? ofObjectToReturn) =>
            absoluteUri.IsFile ? File.OpenRead(absoluteUri.LocalPath) : throw new XmlSchemaException("alleen schema's uit de schemamap");
    }
}
