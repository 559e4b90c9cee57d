using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Scriban;
using Scriban.Parsing;
using Scriban.Syntax;
using Verwerving.Domain;
using Verwerving.Text;
using Verwerving.Workflows;

namespace Verwerving.Documents;

/// <summary>A template has errors (at load or while rendering); each names the file, line, column and field.</summary>
public sealed class TemplateException(IReadOnlyList<DefinitionError> errors)
    : InputException(string.Join(Environment.NewLine, errors.Select(e => e.ToString())))
{
    public IReadOnlyList<DefinitionError> Errors { get; } = errors;
}

/// <summary>
/// A template from templates/, parsed and checked against its view model. The header comment says what
/// it is (titel), which view model it reads (model) and its version (versie). <see cref="Parts"/> holds the
/// text of every shared part it includes, as checked: rendering includes exactly that text.
/// </summary>
public sealed record DocumentTemplate(string Id, string Title, DocumentModel Model, int Version, string Hash, string File, string Text,
    Template Compiled, IReadOnlyDictionary<string, TemplatePart> Parts);

/// <summary>A shared part (<c>_naam.sbn-html</c>) that documents include: the house header, footer, a finding.</summary>
public sealed record TemplatePart(string Name, string File, string Text);

/// <summary>
/// The templates of an installation, read at run time so a region edits a template without a rebuild.
/// A document is <c>naam.sbn-html</c>; a shared part that documents include is <c>_naam.sbn-html</c>, and
/// only those parts, in this folder and named by a fixed word, can be included.
/// </summary>
public sealed partial class TemplateLibrary
{
    public const string Extension = ".sbn-html";
    public const string PartPrefix = "_";
    public const int MaxSteps = 250_000;
    public const int MaxRecursion = 16;

    private readonly string _folder;
    // Shared by concurrent renders (tests run in parallel; a web server will too).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DocumentTemplate> _cache = new();

    public TemplateLibrary(string folder)
    {
        if (!Directory.Exists(folder)) throw new InputException($"Map met sjablonen niet gevonden: {folder}");
        _folder = Path.GetFullPath(folder);
    }

    public static string DefaultFolder() => Installation.Folder("templates");

    public string Folder => _folder;

    /// <summary>The document templates (not the shared parts), in name order.</summary>
    public IEnumerable<string> Files => Directory.GetFiles(_folder, "*" + Extension)
        .Where(f => !Path.GetFileName(f).StartsWith(PartPrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal);

    public IEnumerable<string> Ids => Files.Select(f => Path.GetFileName(f)[..^Extension.Length]);

    /// <summary>A template id is a plain word: no path, so a name can never reach outside the folder.</summary>
    public static bool IsValidName(string id) => NamePattern().IsMatch(id);

    public bool Exists(string id) => IsValidName(id) && File.Exists(PathOf(id));

    private string PathOf(string id) => Path.Combine(_folder, id + Extension);

    public DocumentTemplate Get(string id)
    {
        if (!Exists(id))
            throw new InputException(IsValidName(id)
                ? $"Onbekend sjabloon '{id}' (bekend: {string.Join(", ", Ids)})"
                : $"Een sjabloonnaam bestaat uit kleine letters, cijfers en streepjes, zonder map (bekend: {string.Join(", ", Ids)})");
        var text = File.ReadAllText(PathOf(id));
        if (_cache.TryGetValue(id, out var cached) && cached.Text == text && cached.Parts.Values.All(p => PartText(p.Name) == p.Text)) return cached;
        return _cache[id] = Compile(id, Path.GetFileName(PathOf(id)), text, PartLoader(_folder));
    }

    public IEnumerable<DocumentTemplate> All() => Ids.Select(Get);

    public const string StyleFile = "huisstijl.css";

    /// <summary>The house style every document embeds, so a region restyles all documents in one file.</summary>
    public string Style() => File.Exists(Path.Combine(_folder, StyleFile)) ? File.ReadAllText(Path.Combine(_folder, StyleFile)) : "";

    private string? PartText(string name) => PartLoader(_folder)(name)?.Text;

    /// <summary>Finds a shared part by name in <paramref name="folder"/> only; anything else is not found.</summary>
    internal static Func<string, TemplatePart?> PartLoader(string folder) => name =>
    {
        if (!IsValidName(name)) return null;
        var file = PartPrefix + name + Extension;
        var path = Path.Combine(folder, file);
        return File.Exists(path) ? new TemplatePart(name, file, File.ReadAllText(path)) : null;
    };

    /// <summary>A template file anywhere (templates validate FILE); its parts come from its own folder.</summary>
    public static DocumentTemplate LoadFile(string path)
    {
        var name = Path.GetFileName(path);
        var id = name.EndsWith(Extension, StringComparison.Ordinal) ? name[..^Extension.Length] : Path.GetFileNameWithoutExtension(path);
        return Compile(id, name, File.ReadAllText(path), PartLoader(Path.GetDirectoryName(Path.GetFullPath(path))!));
    }

    /// <summary>Parses the header and the template, and checks every variable, member, function and include against its view model.</summary>
    public static DocumentTemplate Compile(string id, string file, string text, Func<string, TemplatePart?>? parts = null)
    {
        parts ??= _ => null;
        var header = HeaderPattern().Match(text);
        if (!header.Success)
            throw new TemplateException([new DefinitionError(file, 1, "kop", "een sjabloon begint met {{## titel: ..., model: ..., versie: ... ##}}", 1)]);
        var fields = header.Groups["h"].Value.Split('\n').Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
            .ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.Ordinal);
        var errors = new List<DefinitionError>();
        string Field(string name)
        {
            if (fields.TryGetValue(name, out var v) && v.Length > 0) return v;
            errors.Add(new DefinitionError(file, 1, "kop." + name, "ontbreekt", 1));
            return "";
        }
        var title = Field("titel");
        var modelName = Field("model");
        var versionText = Field("versie");
        if (versionText.Length > 0 && (!int.TryParse(versionText, out var v0) || v0 < 1))
            errors.Add(new DefinitionError(file, LineOf(text, "versie"), "kop.versie", $"'{versionText}' is geen positief versienummer"));
        DocumentModels.Kinds.TryGetValue(modelName, out var model);
        if (modelName.Length > 0 && model is null)
            errors.Add(new DefinitionError(file, LineOf(text, "model"), "kop.model", $"onbekend model '{modelName}' (bekend: {string.Join(", ", DocumentModels.Kinds.Keys)})"));

        var compiled = Parse(file, text, errors);
        var used = new Dictionary<string, TemplatePart>(StringComparer.Ordinal);
        if (compiled is not null && model is not null)
        {
            var checker = new TemplateChecker(model, file, parts);
            checker.Check(compiled.Page);
            errors.AddRange(checker.Problems);
            foreach (var part in checker.Parts) used[part.Name] = part;
        }
        if (errors.Count > 0) throw new TemplateException(errors);
        var hash = Hash(text + string.Concat(used.Values.OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => "\n" + p.File + "\n" + p.Text)));
        return new DocumentTemplate(id, title, model!, int.Parse(versionText), hash, file, text, compiled!, used);
    }

    /// <summary>Parses Scriban text; syntax errors go to <paramref name="errors"/> with file, line and column.</summary>
    internal static Template? Parse(string file, string text, List<DefinitionError> errors)
    {
        var template = Template.Parse(text, file, new ParserOptions { ExpressionDepthLimit = 64 }, new LexerOptions { Mode = ScriptMode.Default });
        if (!template.HasErrors) return template;
        foreach (var m in template.Messages.Where(m => m.Type == ParserMessageType.Error))
            errors.Add(new DefinitionError(file, m.Span.Start.Line + 1, "scriban", m.Message, m.Span.Start.Column + 1));
        return null;
    }

    /// <summary>Renders the template with only <paramref name="info"/> and <paramref name="model"/> in view.</summary>
    public static string Render(DocumentTemplate template, DocumentInfo info, object model)
    {
        if (model.GetType() != template.Model.Type)
            throw new InvalidOperationException($"{template.Id} verwacht {template.Model.Type.Name}, niet {model.GetType().Name}");
        var context = Sandbox.Context(template);
        var globals = new Scriban.Runtime.ScriptObject { ["document"] = info, [template.Model.Root] = model };
        context.PushGlobal(globals);
        try
        {
            return template.Compiled.Render(context);
        }
        catch (ScriptRuntimeException ex)
        {
            var message = ex is StepLimitException || ex.OriginalMessage.Contains("limit", StringComparison.OrdinalIgnoreCase)
                ? $"het sjabloon is gestopt: meer dan {MaxSteps:N0} stappen of {MaxRecursion} niveaus diep (een lus zonder eind?)"
                : ex.OriginalMessage;
            var file = string.IsNullOrEmpty(ex.Span.FileName) ? template.File : Path.GetFileName(ex.Span.FileName);
            throw new TemplateException([new DefinitionError(file, ex.Span.Start.Line + 1, "weergave", message, ex.Span.Start.Column + 1)]);
        }
    }

    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>The line of the first use of <paramref name="token"/>, for an error in the header.</summary>
    private static int LineOf(string text, string token)
    {
        var m = new Regex(@"(?<![\w.])" + Regex.Escape(token) + @"(?!\w)").Match(text);
        return m.Success ? text.AsSpan(0, m.Index).Count('\n') + 1 : 1;
    }

    [GeneratedRegex(@"\A\s*\{\{~?##(?<h>.*?)##~?\}\}", RegexOptions.Singleline)]
    private static partial Regex HeaderPattern();

    [GeneratedRegex(@"\A[a-z0-9][a-z0-9-]{0,63}\z")]
    private static partial Regex NamePattern();
}
