using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Verwerving.Domain;
using Verwerving.Persistence;

namespace Verwerving.Workflows;

/// <summary>
/// The definitions in a folder (workflows/), read at run time so a region's edit needs no rebuild, and
/// the stored versions that running instances stay on.
/// </summary>
public sealed class DefinitionCatalog
{
    private readonly string _folder;
    private readonly Dictionary<string, string> _files;

    private readonly Func<string, bool>? _templateExists;

    /// <param name="templateExists">Whether a document template exists; null skips that check (no templates configured).</param>
    public DefinitionCatalog(string folder, Func<string, bool>? templateExists = null)
    {
        _templateExists = templateExists;
        if (!Directory.Exists(folder)) throw new InputException($"Map met workflowdefinities niet gevonden: {folder}");
        _folder = folder;
        _files = Directory.GetFiles(folder, "*.yaml").Concat(Directory.GetFiles(folder, "*.yml"))
            .ToDictionary(f => Path.GetFileNameWithoutExtension(f), f => f, StringComparer.Ordinal);
    }

    public string Folder => _folder;
    public IEnumerable<string> Ids => _files.Keys.Order(StringComparer.Ordinal);
    public bool Exists(string id) => _files.ContainsKey(id);

    public DefinitionLoader Loader() => DefinitionLoader.Default(Exists, _templateExists);

    /// <summary>The definition as its file reads now. The file name is the definition's id.</summary>
    public WorkflowDefinition Current(string id)
    {
        if (!_files.TryGetValue(id, out var file)) throw new InputException($"Onbekende workflowdefinitie '{id}' (bekend: {string.Join(", ", Ids)})");
        var definition = Loader().LoadFile(file);
        if (definition.Id != id)
            throw new DefinitionException([new DefinitionError(Path.GetFileName(file), 1, "id", $"het id '{definition.Id}' moet gelijk zijn aan de bestandsnaam '{id}'")]);
        return definition;
    }

    public IEnumerable<WorkflowDefinition> All() => Ids.Select(Current);

    /// <summary>The definition about records of this kind (the first by id when a region keeps several).</summary>
    public WorkflowDefinition? ForSubject(SubjectKind kind) => All().FirstOrDefault(d => d.Subject == kind);

    /// <summary>
    /// Stores the current file's text under its version the first time an instance starts on it; a changed
    /// text under a version that instances already use is refused, since they must keep the version they started on.
    /// </summary>
    public WorkflowDefinition PinCurrent(VerwervingDb db, string id, DateTime now)
    {
        var definition = Current(id);
        var hash = Hash(definition.Yaml);
        var stored = db.Set<StoredDefinition>().Find(definition.Id, definition.Version);
        if (stored is null) db.Set<StoredDefinition>().Add(new StoredDefinition(definition.Id, definition.Version, definition.Yaml, hash, now));
        else if (stored.Hash != hash)
            throw new InputException($"{definition.SourceFile}: versie {definition.Version} van '{id}' is gewijzigd terwijl er instanties op lopen; verhoog 'version'.");
        return definition;
    }

    // Shared by the web application's requests.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string, int), WorkflowDefinition> _pinned = [];

    public WorkflowDefinition ForInstance(VerwervingDb db, WorkflowInstance instance)
    {
        var key = (instance.DefinitionId, instance.DefinitionVersion);
        if (_pinned.TryGetValue(key, out var cached)) return cached;
        var stored = db.Set<StoredDefinition>().AsNoTracking().Single(s => s.DefinitionId == instance.DefinitionId && s.DefinitionVersion == instance.DefinitionVersion);
        return _pinned[key] = Loader().Load(stored.Yaml, $"{stored.DefinitionId}@{stored.DefinitionVersion}");
    }

    public static string Hash(string yaml) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(yaml)));

    /// <summary>workflows/ of the installation.</summary>
    public static string DefaultFolder() => Installation.Folder("workflows");
}
