using System.Collections;
using System.Reflection;
using Fluid.Ast;

namespace Verwerving.Documents;

/// <summary>
/// Walks a compiled template and checks every variable and member path against the view model's types,
/// so a misspelt or forbidden member fails when the template loads rather than printing nothing.
/// </summary>
internal sealed class TemplateChecker : AstVisitor
{
    internal sealed record Problem(string Text, string Message);

    private static readonly HashSet<string> ListMembers = ["size", "first", "last"];
    private readonly List<Dictionary<string, Type?>> _scopes = [];
    private readonly HashSet<string> _reported = [];

    public TemplateChecker(DocumentModel model)
    {
        _scopes.Add(new Dictionary<string, Type?>(StringComparer.Ordinal)
        {
            ["document"] = typeof(DocumentInfo),
            [model.Root] = model.Type,
        });
    }

    public List<Problem> Problems { get; } = [];

    protected override Expression VisitMemberExpression(MemberExpression member)
    {
        Resolve(member);
        foreach (var segment in member.Segments)
            if (segment is IndexerSegment indexer) Visit(indexer.Expression);
        return member;
    }

    protected override Statement VisitForStatement(ForStatement loop)
    {
        Type? element = null;
        if (loop.Source is not null)
        {
            Visit(loop.Source);
            element = loop.Source is MemberExpression m ? ElementType(Resolve(m)) : null;
        }
        if (loop.Range is not null) { Visit(loop.Range); element = typeof(int); }
        if (loop.Limit is not null) Visit(loop.Limit);
        if (loop.Offset is not null) Visit(loop.Offset);
        _scopes.Add(new Dictionary<string, Type?>(StringComparer.Ordinal) { [loop.Identifier] = element, ["forloop"] = null });
        foreach (var s in loop.Statements) Visit(s);
        _scopes.RemoveAt(_scopes.Count - 1);
        if (loop.Else is not null) Visit(loop.Else);
        return loop;
    }

    protected override Statement VisitAssignStatement(AssignStatement assign)
    {
        Visit(assign.Value);
        _scopes[0][assign.Identifier] = assign.Value is MemberExpression m ? Resolve(m) : null;
        return assign;
    }

    protected override Statement VisitCaptureStatement(CaptureStatement capture)
    {
        foreach (var s in capture.Statements) Visit(s);
        _scopes[0][capture.Identifier] = typeof(string);
        return capture;
    }

    /// <summary>The type a member path leads to; null when it cannot be known (then nothing further is checked).</summary>
    private Type? Resolve(MemberExpression member)
    {
        if (member.Segments.Count == 0 || member.Segments[0] is not IdentifierSegment first) return null;
        var path = first.Identifier;
        if (!TryLookup(first.Identifier, out var type))
        {
            Report(path, $"onbekende variabele '{path}' (bekend: {string.Join(", ", _scopes.SelectMany(s => s.Keys).Distinct().Order(StringComparer.Ordinal))})");
            return null;
        }
        foreach (var segment in member.Segments.Skip(1))
        {
            if (type is null) return null;
            switch (segment)
            {
                case IdentifierSegment id when ElementType(type) is { } element:
                    if (!ListMembers.Contains(id.Identifier))
                    {
                        Report(path + "." + id.Identifier, $"'{path}' is een lijst; daarvan bestaan alleen size, first en last");
                        return null;
                    }
                    type = id.Identifier == "size" ? typeof(int) : element;
                    path += "." + id.Identifier;
                    break;
                case IdentifierSegment id when type.Assembly != typeof(TemplateChecker).Assembly:
                    if (type == typeof(string) && id.Identifier == "size") return typeof(int);
                    Report(path + "." + id.Identifier, $"'{path}' is een waarde (tekst, getal of datum) zonder velden");
                    return null;
                case IdentifierSegment id:
                    var property = DocumentModels.Members(type).FirstOrDefault(p => DocumentModels.Name(p) == id.Identifier);
                    if (property is null)
                    {
                        Report(path + "." + id.Identifier,
                            $"'{id.Identifier}' bestaat niet in '{path}' (wel: {string.Join(", ", DocumentModels.Members(type).Select(DocumentModels.Name))})");
                        return null;
                    }
                    type = property.PropertyType;
                    path += "." + id.Identifier;
                    break;
                case IndexerSegment:
                    type = ElementType(type);
                    path += "[]";
                    break;
                default:
                    return null;
            }
        }
        return Nullable.GetUnderlyingType(type!) ?? type;
    }

    private bool TryLookup(string name, out Type? type)
    {
        for (var i = _scopes.Count - 1; i >= 0; i--)
            if (_scopes[i].TryGetValue(name, out type)) return true;
        type = null;
        return false;
    }

    private void Report(string text, string message)
    {
        if (_reported.Add(text)) Problems.Add(new Problem(text, message));
    }

    internal static Type? ElementType(Type? type)
    {
        if (type is null || type == typeof(string)) return null;
        if (type.IsArray) return type.GetElementType();
        var enumerable = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>)
            ? type : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        return enumerable?.GetGenericArguments()[0] ?? (typeof(IEnumerable).IsAssignableFrom(type) ? typeof(object) : null);
    }
}
