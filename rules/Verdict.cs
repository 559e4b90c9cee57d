using System.Reflection;
using System.Text.Json;
using NRules.Fluent.Dsl;
using Verwerving.Domain;

namespace Verwerving.Rules;

/// <summary>Severity and source of a rule: what a finding of it weighs and where the obligation comes from.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class FindingAttribute(Severity severity, string source) : Attribute
{
    public Severity Severity { get; } = severity;
    public string Source { get; } = source;
}

public sealed record RuleInfo(string Id, string RuleSet, string Description, Severity Severity, string Source, Type Type);

/// <summary>A rule's verdict on one fact; stored as a <see cref="Finding"/>.</summary>
public sealed class Verdict
{
    public required RuleInfo Rule { get; init; }
    public required Fact Fact { get; init; }
    public required string Explanation { get; init; }
    public required string FactsJson { get; init; }

    public string Key => $"{Rule.Id}|{Fact.SubjectType}|{Fact.SubjectKey}|{Fact.From:yyyy-MM-dd}|{Fact.To:yyyy-MM-dd}";

    public override string ToString() => $"[{Rule.Severity}] {Rule.Id}: {Explanation}";
}

/// <summary>A rule of the catalogue: its verdict carries its name, set, severity and source.</summary>
public abstract class CatalogRule : Rule
{
    protected Verdict Verdict(Fact fact, string explanation, object figures) => new()
    {
        Rule = RuleCatalog.Of(GetType()),
        Fact = fact,
        Explanation = explanation,
        FactsJson = JsonSerializer.Serialize(figures),
    };
}

public static class RuleCatalog
{
    private static readonly Lazy<IReadOnlyList<RuleInfo>> _all = new(() => typeof(RuleCatalog).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(CatalogRule)) && !t.IsAbstract)
        .Select(Describe).OrderBy(r => r.RuleSet, StringComparer.Ordinal).ThenBy(r => r.Id, StringComparer.Ordinal).ToList());

    private static readonly Lazy<Dictionary<Type, RuleInfo>> _byType = new(() => _all.Value.ToDictionary(r => r.Type));

    public static IReadOnlyList<RuleInfo> All => _all.Value;

    public static IReadOnlyList<string> Sets => All.Select(r => r.RuleSet).Distinct().ToList();

    public static RuleInfo Of(Type type) => _byType.Value[type];

    private static RuleInfo Describe(Type t)
    {
        var name = Argument<NameAttribute>(t) ?? throw new InvalidOperationException($"{t.Name} mist [Name].");
        var description = Argument<DescriptionAttribute>(t) ?? throw new InvalidOperationException($"{t.Name} mist [Description].");
        var set = Argument<TagAttribute>(t) ?? throw new InvalidOperationException($"{t.Name} mist een [Tag] met de regelset.");
        var finding = t.GetCustomAttribute<FindingAttribute>() ?? throw new InvalidOperationException($"{t.Name} mist [Finding].");
        return new RuleInfo(name, set, description, finding.Severity, finding.Source, t);
    }

    // NRules keeps the attribute values internal; the constructor argument is what the rule author wrote.
    private static string? Argument<TAttribute>(Type t) => t.GetCustomAttributesData()
        .FirstOrDefault(a => a.AttributeType == typeof(TAttribute))?.ConstructorArguments[0].Value as string;
}
