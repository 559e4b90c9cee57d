using System.Collections;
using Scriban.Syntax;
using Verwerving.Workflows;

namespace Verwerving.Documents;

/// <summary>
/// Walks a parsed template and checks every variable, member path, function and include against the view
/// model's types, so a misspelt or forbidden name fails when the template loads rather than printing nothing.
/// An included part is checked where it is included, with the types of the arguments it is given.
/// </summary>
internal sealed class TemplateChecker : ScriptVisitor
{
    private const int MaxIncludeDepth = 4;
    private static readonly HashSet<string> LoopMembers = ["index", "index0", "first", "last", "even", "odd", "rindex", "rindex0", "changed", "length"];

    private abstract record Sym;
    private sealed record Value(Type? Type) : Sym;
    private sealed record Namespace(string Name, IReadOnlySet<string> Members) : Sym;
    private sealed record Function(string Name) : Sym;
    private sealed record Loop : Sym;
    private sealed record Arguments(IReadOnlyList<Sym?> Values) : Sym;

    private static readonly Value Unknown = new((Type?)null);

    private readonly List<Dictionary<string, Sym>> _scopes;
    private readonly string _file;
    private readonly Func<string, TemplatePart?> _parts;
    private readonly int _depth;
    private readonly Arguments? _arguments;
    private readonly HashSet<string> _reported = [];

    public TemplateChecker(DocumentModel model, string file, Func<string, TemplatePart?> parts)
        : this(new Dictionary<string, Sym>(StringComparer.Ordinal)
        {
            ["document"] = new Value(typeof(DocumentInfo)),
            [model.Root] = new Value(model.Type),
        }, file, parts, 0, null)
    {
    }

    private TemplateChecker(Dictionary<string, Sym> root, string file, Func<string, TemplatePart?> parts, int depth, Arguments? arguments)
    {
        _scopes = [new Dictionary<string, Sym>(root, StringComparer.Ordinal)];
        _file = file;
        _parts = parts;
        _depth = depth;
        _arguments = arguments;
    }

    public List<DefinitionError> Problems { get; } = [];

    /// <summary>The shared parts this template includes, directly or through another part.</summary>
    public List<TemplatePart> Parts { get; } = [];

    public void Check(ScriptPage? page) => Visit(page);

    public override void Visit(ScriptVariableGlobal node) => Resolve(node);
    public override void Visit(ScriptVariableLocal node) => Resolve(node);
    public override void Visit(ScriptMemberExpression node) => Resolve(node);
    public override void Visit(ScriptIndexerExpression node) => Resolve(node);
    public override void Visit(ScriptPipeCall node) => Resolve(node);

    public override void Visit(ScriptFunctionCall node)
    {
        if (node.Target is ScriptVariableGlobal { Name: "include" })
        {
            Include(node);
            return;
        }
        Callee(node.Target);
        foreach (var argument in node.Arguments) Visit(argument);
    }

    public override void Visit(ScriptForStatement node)
    {
        var iterator = Resolve(node.Iterator);
        var element = node.Iterator is ScriptBinaryExpression { Operator: ScriptBinaryOperator.RangeInclude or ScriptBinaryOperator.RangeExclude }
            ? new Value(typeof(int))
            : iterator is Value { Type: { } t } ? new Value(ElementType(t)) : Unknown;
        if (node.NamedArguments is not null) foreach (var argument in node.NamedArguments) Visit(argument);
        var scope = new Dictionary<string, Sym>(StringComparer.Ordinal) { ["for"] = new Loop() };
        if (node.Variable is ScriptVariable variable) scope[variable.Name] = element;
        _scopes.Add(scope);
        Visit(node.Body);
        _scopes.RemoveAt(_scopes.Count - 1);
        Visit(node.Else);
    }

    public override void Visit(ScriptAssignExpression node)
    {
        var value = Resolve(node.Value) ?? Unknown;
        if (node.Target is ScriptVariableGlobal target) _scopes[0][target.Name] = value;
        else Report(node.Target ?? (ScriptNode)node, PathOf(node.Target), "een sjabloon wijst alleen eigen variabelen toe, geen velden van het model");
    }

    public override void Visit(ScriptCaptureStatement node)
    {
        Visit(node.Body);
        if (node.Target is ScriptVariableGlobal target) _scopes[0][target.Name] = new Value(typeof(string));
    }

    /// <summary>What an expression stands for; null when it cannot be known (then nothing further is checked).</summary>
    private Sym? Resolve(ScriptExpression? expression)
    {
        switch (expression)
        {
            case null:
                return null;
            case ScriptVariableGlobal variable:
                if (Lookup(variable.Name) is { } known) return known;
                if (Sandbox.Functions.TryGetValue(variable.Name, out var members))
                    return members is null ? new Function(variable.Name) : new Namespace(variable.Name, members);
                Report(variable, variable.Name, $"onbekende variabele '{variable.Name}' (bekend: {string.Join(", ", KnownNames())})");
                return null;
            case ScriptVariableLocal { Name: "" or "$" } self:
                if (_arguments is not null) return _arguments;
                Report(self, "$", "'$' bestaat alleen in een gedeeld onderdeel (de argumenten van include)");
                return null;
            case ScriptVariableLocal local:
                Report(local, local.Name, $"onbekende variabele '{local.Name}'");
                return null;
            case ScriptIndexerExpression { Target: ScriptVariableLocal { Name: "" or "$" } } argument:
                return Argument(argument);
            case ScriptIndexerExpression indexer:
                var list = Resolve(indexer.Target);
                Visit(indexer.Index);
                return list is Value { Type: { } t } ? new Value(ElementType(t)) : Unknown;
            case ScriptMemberExpression member:
                return Member(member);
            case ScriptNestedExpression nested:
                return Resolve(nested.Expression);
            case ScriptPipeCall pipe:
                Resolve(pipe.From);
                if (pipe.To is ScriptFunctionCall call) Visit(call);
                else Callee(pipe.To);
                return Unknown;
            default:
                base.Visit(expression);
                return Unknown;
        }
    }

    private Sym? Argument(ScriptIndexerExpression argument)
    {
        if (_arguments is null)
        {
            Report(argument, PathOf(argument), "'$1', '$2', ... bestaan alleen in een gedeeld onderdeel (de argumenten van include)");
            return null;
        }
        if (argument.Index is ScriptLiteral { Value: int n } && n >= 1 && n <= _arguments.Values.Count) return _arguments.Values[n - 1] ?? Unknown;
        Report(argument, PathOf(argument), $"dit onderdeel krijgt {_arguments.Values.Count} argument(en): $1 tot ${_arguments.Values.Count}");
        return null;
    }

    private Sym? Member(ScriptMemberExpression member)
    {
        var target = Resolve(member.Target);
        var name = member.Member?.Name ?? "";
        var path = PathOf(member);
        var parent = PathOf(member.Target);
        switch (target)
        {
            case Namespace ns:
                if (ns.Members.Contains(name)) return new Function(ns.Name + "." + name);
                Report(member, path, $"'{name}' bestaat niet in '{ns.Name}'");
                return null;
            case Loop:
                if (LoopMembers.Contains(name)) return Unknown;
                Report(member, path, $"een lus kent alleen {string.Join(", ", LoopMembers)}");
                return null;
            case Value { Type: { } type }:
                type = Nullable.GetUnderlyingType(type) ?? type;
                if (ElementType(type) is not null)
                {
                    if (name == "size") return new Value(typeof(int));
                    Report(member, path, $"'{parent}' is een lijst; daarvan bestaat alleen size");
                    return null;
                }
                if (type.Assembly != typeof(TemplateChecker).Assembly)
                {
                    Report(member, path, $"'{parent}' is een waarde (tekst, getal of datum) zonder velden");
                    return null;
                }
                var property = DocumentModels.Members(type).FirstOrDefault(p => DocumentModels.Name(p) == name);
                if (property is not null) return new Value(property.PropertyType);
                Report(member, path, $"'{name}' bestaat niet in '{parent}' (wel: {string.Join(", ", DocumentModels.Members(type).Select(DocumentModels.Name))})");
                return null;
            case null:
                return null;
            default:
                Report(member, path, $"'{parent}' heeft geen velden");
                return null;
        }
    }

    /// <summary>The thing called must be one of the sandbox's functions.</summary>
    private void Callee(ScriptExpression? callee)
    {
        if (callee is null) return;
        var resolved = Resolve(callee);
        if (resolved is Value { Type: not null } or Namespace or Loop or Arguments)
            Report(callee, PathOf(callee), $"'{PathOf(callee)}' is geen functie (functies: {string.Join(", ", Sandbox.Functions.Keys.Order(StringComparer.Ordinal))})");
    }

    private void Include(ScriptFunctionCall call)
    {
        if (call.Arguments.Count == 0 || call.Arguments[0] is not ScriptLiteral { Value: string name })
        {
            Report(call, "include", "include noemt het onderdeel met een vaste naam tussen aanhalingstekens, bijvoorbeeld include 'kop'");
            return;
        }
        var values = call.Arguments.Skip(1).Select(Resolve).ToList();
        var part = TemplateLibrary.IsValidName(name) ? _parts(name) : null;
        if (part is null)
        {
            Report(call, "include " + name, $"onbekend onderdeel '{name}': een gedeeld onderdeel staat in templates/ als {TemplateLibrary.PartPrefix}{name}{TemplateLibrary.Extension}");
            return;
        }
        if (_depth >= MaxIncludeDepth)
        {
            Report(call, "include " + name, $"onderdelen zijn meer dan {MaxIncludeDepth} niveaus in elkaar opgenomen");
            return;
        }
        var errors = new List<DefinitionError>();
        var parsed = TemplateLibrary.Parse(part.File, part.Text, errors);
        Problems.AddRange(errors);
        if (parsed is null) return;
        var child = new TemplateChecker(_scopes[0], part.File, _parts, _depth + 1, new Arguments(values));
        child.Check(parsed.Page);
        foreach (var problem in child.Problems)
            if (_reported.Add(problem.File + ":" + problem.Field)) Problems.Add(problem);
        Parts.Add(part);
        Parts.AddRange(child.Parts);
    }

    private Sym? Lookup(string name)
    {
        for (var i = _scopes.Count - 1; i >= 0; i--)
            if (_scopes[i].TryGetValue(name, out var sym)) return sym;
        return null;
    }

    private IEnumerable<string> KnownNames() => _scopes.SelectMany(s => s.Keys).Distinct().Order(StringComparer.Ordinal);

    private void Report(ScriptNode node, string field, string message)
    {
        if (_reported.Add(_file + ":" + field))
            Problems.Add(new DefinitionError(_file, node.Span.Start.Line + 1, field, message, node.Span.Start.Column + 1));
    }

    private static string PathOf(ScriptExpression? expression) => expression switch
    {
        ScriptVariableLocal { Name: "" or "$" } => "$",
        ScriptVariable v => v.Name,
        ScriptMemberExpression m => PathOf(m.Target) + "." + m.Member?.Name,
        ScriptIndexerExpression { Target: ScriptVariableLocal { Name: "" or "$" }, Index: ScriptLiteral l } => "$" + l.Value,
        ScriptIndexerExpression i => PathOf(i.Target) + "[]",
        ScriptNestedExpression n => PathOf(n.Expression),
        null => "",
        _ => expression.ToString() ?? "",
    };

    internal static Type? ElementType(Type? type)
    {
        if (type is null || type == typeof(string)) return null;
        if (type.IsArray) return type.GetElementType();
        var enumerable = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>)
            ? type : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        return enumerable?.GetGenericArguments()[0] ?? (typeof(IEnumerable).IsAssignableFrom(type) ? typeof(object) : null);
    }
}
