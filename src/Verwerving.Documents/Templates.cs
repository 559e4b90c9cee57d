using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Fluid;
using Fluid.Values;
using Verwerving.Domain;
using Verwerving.Text;
using Verwerving.Workflows;

namespace Verwerving.Documents;

/// <summary>A template has errors (at load or while rendering); each names the file, line and field.</summary>
public sealed class TemplateException(IReadOnlyList<DefinitionError> errors)
    : InputException(string.Join(Environment.NewLine, errors.Select(e => e.ToString())))
{
    public IReadOnlyList<DefinitionError> Errors { get; } = errors;
}

/// <summary>
/// A template from templates/, compiled and checked against its view model. The header comment says what
/// it is (titel), which view model it reads (model) and its version (versie).
/// </summary>
public sealed record DocumentTemplate(string Id, string Title, DocumentModel Model, int Version, string Hash, string File, string Text, IFluidTemplate Compiled);

/// <summary>
/// The templates of an installation, read at run time so a region edits a template without a rebuild.
/// Rendering is sandboxed: a template sees only the allow-listed view-model members, and its steps and
/// recursion are limited.
/// </summary>
public sealed partial class TemplateLibrary
{
    public const string Extension = ".liquid";
    public const int MaxSteps = 250_000;
    public const int MaxRecursion = 16;

    // Encodes what HTML needs (<, >, &, quotes) and leaves Dutch letters and the euro sign readable.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
    private static readonly FluidParser Parser = new(new FluidParserOptions { AllowFunctions = false });
    private readonly string _folder;
    // Shared by concurrent renders (tests run in parallel; a web server will too).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DocumentTemplate> _cache = new();

    public TemplateLibrary(string folder)
    {
        if (!Directory.Exists(folder)) throw new InputException($"Map met sjablonen niet gevonden: {folder}");
        _folder = folder;
    }

    public static string DefaultFolder() => Installation.Folder("templates");

    public string Folder => _folder;

    /// <summary>The template files, in name order.</summary>
    public IEnumerable<string> Files => Directory.GetFiles(_folder, "*" + Extension).Order(StringComparer.Ordinal);

    public IEnumerable<string> Ids => Files.Select(f => Path.GetFileNameWithoutExtension(f));

    public bool Exists(string id) => File.Exists(PathOf(id));

    private string PathOf(string id) => Path.Combine(_folder, id + Extension);

    public DocumentTemplate Get(string id)
    {
        if (!Exists(id)) throw new InputException($"Onbekend sjabloon '{id}' (bekend: {string.Join(", ", Ids)})");
        var text = File.ReadAllText(PathOf(id));
        if (_cache.TryGetValue(id, out var cached) && cached.Text == text) return cached;
        return _cache[id] = Compile(id, Path.GetFileName(PathOf(id)), text);
    }

    public IEnumerable<DocumentTemplate> All() => Ids.Select(Get);

    public const string StyleFile = "huisstijl.css";

    /// <summary>The house style every document embeds, so a region restyles all documents in one file.</summary>
    public string Style() => File.Exists(Path.Combine(_folder, StyleFile)) ? File.ReadAllText(Path.Combine(_folder, StyleFile)) : "";

    public static DocumentTemplate LoadFile(string path) =>
        Compile(Path.GetFileNameWithoutExtension(path), Path.GetFileName(path), File.ReadAllText(path));

    /// <summary>Parses the header and the Liquid, and checks every variable and member the template names against its view model.</summary>
    public static DocumentTemplate Compile(string id, string file, string text)
    {
        var header = HeaderPattern().Match(text);
        if (!header.Success)
            throw new TemplateException([new DefinitionError(file, 1, "kop", "een sjabloon begint met {% comment %} titel: ..., model: ..., versie: ... {% endcomment %}")]);
        var fields = header.Groups["h"].Value.Split('\n').Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
            .ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.Ordinal);
        var errors = new List<DefinitionError>();
        string Field(string name)
        {
            if (fields.TryGetValue(name, out var v) && v.Length > 0) return v;
            errors.Add(new DefinitionError(file, 1, "kop." + name, "ontbreekt"));
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

        if (!Parser.TryParse(text, out var compiled, out var parseError))
        {
            var at = ParseErrorPosition().Match(parseError);
            errors.Add(new DefinitionError(file, at.Success ? int.Parse(at.Groups[1].Value) : 1, "liquid", parseError.Split('\n')[0]));
        }
        else if (model is not null)
        {
            var checker = new TemplateChecker(model);
            checker.VisitTemplate(compiled);
            errors.AddRange(checker.Problems.Select(p => new DefinitionError(file, LineOf(text, p.Text, header.Length), p.Text, p.Message)));
        }
        if (errors.Count > 0) throw new TemplateException(errors);
        return new DocumentTemplate(id, title, model!, int.Parse(versionText), Hash(text), file, text, compiled!);
    }

    /// <summary>Renders the template with only <paramref name="info"/> and <paramref name="model"/> in view.</summary>
    public static string Render(DocumentTemplate template, DocumentInfo info, object model)
    {
        if (model.GetType() != template.Model.Type)
            throw new InvalidOperationException($"{template.Id} verwacht {template.Model.Type.Name}, niet {model.GetType().Name}");
        var context = new TemplateContext(Sandbox.Options);
        context.SetValue("document", new ObjectValue(info));
        context.SetValue(template.Model.Root, new ObjectValue(model));
        try
        {
            return template.Compiled.Render(context, Encoder);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FluidException or ArgumentException or FormatException)
        {
            var message = ex.Message.Contains("maximum", StringComparison.OrdinalIgnoreCase) || ex.Message.Contains("recursion", StringComparison.OrdinalIgnoreCase)
                ? $"het sjabloon is gestopt: meer dan {MaxSteps:N0} stappen of {MaxRecursion} niveaus diep (een lus zonder eind?) — {ex.Message}"
                : ex.Message;
            throw new TemplateException([new DefinitionError(template.File, 1, "weergave", message)]);
        }
    }

    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>The line of the first use of <paramref name="token"/> after the header, for an error message.</summary>
    private static int LineOf(string text, string token, int from = 0)
    {
        var pattern = new Regex(@"(?<![\w.])" + Regex.Escape(token) + @"(?!\w)");
        var m = pattern.Match(text, Math.Min(from, text.Length));
        if (!m.Success) m = pattern.Match(text);
        return m.Success ? text.AsSpan(0, m.Index).Count('\n') + 1 : 1;
    }

    [GeneratedRegex(@"\A\s*\{%-?\s*comment\s*-?%\}(?<h>.*?)\{%-?\s*endcomment\s*-?%\}", RegexOptions.Singleline)]
    private static partial Regex HeaderPattern();

    [GeneratedRegex(@"\((\d+):(\d+)\)")]
    private static partial Regex ParseErrorPosition();
}

/// <summary>The sandbox every template renders in: allow-listed view-model types, Dutch filters, limits.</summary>
internal static class Sandbox
{
    public static readonly TemplateOptions Options = Create();

    private static TemplateOptions Create()
    {
        var options = new TemplateOptions
        {
            MaxSteps = TemplateLibrary.MaxSteps,
            MaxRecursion = TemplateLibrary.MaxRecursion,
            StrictFilters = true,
            CultureInfo = Nl.Culture,
            MemberAccessStrategy = new DefaultMemberAccessStrategy { MemberNameStrategy = MemberNameStrategies.SnakeCase },
        };
        foreach (var type in DocumentModels.AllowedTypes) options.MemberAccessStrategy.Register(type);
        options.ValueConverters.Add(v => v is DateOnly d ? new DateTimeValue(d.ToDateTime(TimeOnly.MinValue)) : null);
        DutchFilters.Register(options.Filters);
        return options;
    }
}
