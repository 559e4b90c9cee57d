using Verwerving.Workflows;
using System.Globalization;
using System.Reflection;
using System.Text.Encodings.Web;
using Scriban;
using Scriban.Functions;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;
using Verwerving.Text;

namespace Verwerving.Documents;

/// <summary>
/// Markup a template prints as it is: a chart's SVG, the house style, an included part. Nothing from the data is
/// ever of this type, so no template can print data unencoded.
/// </summary>
public sealed record Html(string Value)
{
    public override string ToString() => Value;
}

/// <summary>The template stopped: too many loop steps in all (a runaway or endless loop).</summary>
internal sealed class StepLimitException(SourceSpan span) : ScriptRuntimeException(span, "step limit");

/// <summary>
/// The sandbox every template renders in. Only the functions below exist (no Scriban built-ins that reach
/// objects, dates or the clock); .NET objects show only the public properties of the view-model records;
/// loops, recursion and output are limited; everything a template prints is HTML-encoded unless it is <see cref="Html"/>.
/// </summary>
internal static class Sandbox
{
    public const int LoopLimit = 10_000;
    public const int OutputLimit = 16 * 1024 * 1024;

    private static readonly HashSet<Type> Allowed = [.. DocumentModels.AllowedTypes];

    /// <summary>
    /// The names a template may call: Dutch formatting, list and text helpers, include. Built once and read-only, so
    /// every render shares it and no template can redefine a function.
    /// </summary>
    private static readonly ScriptObject Builtins = CreateBuiltins();

    private static ScriptObject CreateBuiltins()
    {
        var builtins = new ScriptObject();
        builtins.Import(typeof(DutchFunctions), ScriptMemberImportFlags.All, null, StandardMemberRenamer.Default);
        builtins.SetValue("array", new ArrayFunctions(), true);
        builtins.SetValue("string", new StringFunctions(), true);
        builtins.SetValue("include", new PartInclude(), true);
        builtins.IsReadOnly = true;
        return builtins;
    }

    /// <summary>Every function name (and namespace.function) a template may use, for the load-time check.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlySet<string>?> Functions = Builtins.ToDictionary(
        kv => kv.Key, kv => kv.Value is ScriptObject nested ? (IReadOnlySet<string>?)nested.Keys.ToHashSet(StringComparer.Ordinal) : null, StringComparer.Ordinal);

    public static TemplateContext Context(DocumentTemplate template)
    {
        var context = new HtmlContext(Builtins)
        {
            TemplateLoader = new PartLoader(template.Parts),
            MemberFilter = member => member is PropertyInfo p && Allowed.Contains(p.DeclaringType!) && p.GetIndexParameters().Length == 0
                && p.Name != "EqualityContract",
            MemberRenamer = StandardMemberRenamer.Default,
            StrictVariables = true,
            EnableRelaxedMemberAccess = false,
            LoopLimit = LoopLimit,
            RecursiveLimit = TemplateLibrary.MaxRecursion,
            LimitToString = 100_000,
            OutputLimit = OutputLimit,
        };
        context.PushCulture(Nl.Culture);
        return context;
    }

    /// <summary>Encodes what a template prints; counts loop steps across all loops, since nesting multiplies them.</summary>
    private sealed class HtmlContext(ScriptObject builtins) : TemplateContext(builtins)
    {
        // Encodes what HTML needs (<, >, &, quotes) and leaves Dutch letters and the euro sign readable.
        private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
        private int _steps;

        public override TemplateContext Write(SourceSpan span, object? textAsObject) => textAsObject switch
        {
            null => this,
            Html html => base.Write(span, html.Value),
            _ => base.Write(span, Encoder.Encode(ObjectToString(textAsObject) ?? "")),
        };

        protected override bool OnStepLoop(ScriptLoopStatementBase loop)
        {
            if (++_steps > TemplateLibrary.MaxSteps) throw new StepLimitException(loop.Span);
            return base.OnStepLoop(loop);
        }
    }

    /// <summary>Serves exactly the parts that were checked with the template, nothing from disk or elsewhere.</summary>
    private sealed class PartLoader(IReadOnlyDictionary<string, TemplatePart> parts) : ITemplateLoader
    {
        public string GetPath(TemplateContext context, SourceSpan callerSpan, string templateName) =>
            parts.TryGetValue(templateName, out var part) ? part.File
                : throw new ScriptRuntimeException(callerSpan, $"'{templateName}' is geen gedeeld onderdeel in templates/");

        public string Load(TemplateContext context, SourceSpan callerSpan, string templatePath) =>
            parts.Values.Single(p => p.File == templatePath).Text;

        public ValueTask<string?> LoadAsync(TemplateContext context, SourceSpan callerSpan, string templatePath) =>
            new((string?)Load(context, callerSpan, templatePath));
    }

    /// <summary>Scriban's include, with its output marked as markup so it is not encoded a second time.</summary>
    private sealed class PartInclude : IScriptCustomFunction
    {
        private readonly IncludeFunction _include = new();

        public int RequiredParameterCount => _include.RequiredParameterCount;
        public int ParameterCount => _include.ParameterCount;
        public ScriptVarParamKind VarParamKind => _include.VarParamKind;
        public Type ReturnType => typeof(Html);
        public ScriptParameterInfo GetParameterInfo(int index) => _include.GetParameterInfo(index);

        public object? Invoke(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
            new Html(_include.Invoke(context, callerContext, arguments, blockStatement)?.ToString() ?? "");

        public ValueTask<object?> InvokeAsync(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
            new(Invoke(context, callerContext, arguments, blockStatement));
    }
}

/// <summary>Dutch formatting for templates: euros, percentages, dates and numbers, and charts. A missing value prints as a dash.</summary>
internal static class DutchFunctions
{
    private const string Missing = "—";

    public static string Euro(object? cents) => cents is null ? Missing : Nl.Euro(Convert.ToInt64(cents, CultureInfo.InvariantCulture));

    public static string EuroCent(object? cents) => cents is null ? Missing : Nl.EuroCents(Convert.ToInt64(cents, CultureInfo.InvariantCulture));

    public static string Procent(object? fraction, int decimals = 1) => fraction is null ? Missing : Nl.Percent(Number(fraction), decimals);

    public static string Getal(object? value) => value is null ? Missing : Nl.Number(Number(value));

    /// <summary>A figure in the unit the norms file gives it (a fraction prints as a percentage).</summary>
    public static string Waarde(object? value, string? unit) => value is null ? Missing : Nl.Measure(Number(value), unit ?? "");

    public static string Datum(object? value) => value switch
    {
        null => Missing,
        DateOnly d => Nl.Date(d),
        DateTime t => Nl.Date(WorkCalendar.DateOf(t)),
        DateTimeOffset o => Nl.Date(WorkCalendar.DateOf(o.UtcDateTime)),
        _ => value.ToString() ?? "",
    };

    public static string JaNee(object? value) => value is true ? "ja" : "nee";

    public static Html Grafiek(object? chart) => chart is Chart c
        ? new Html(c.Svg())
        : throw new ArgumentException("de functie 'grafiek' werkt alleen op een grafiek uit het model");

    private static decimal Number(object value) => Convert.ToDecimal(value, CultureInfo.InvariantCulture);
}
