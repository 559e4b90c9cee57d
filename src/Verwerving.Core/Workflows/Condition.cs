using System.Globalization;
using System.Text.Json.Nodes;

namespace Verwerving.Workflows;

/// <summary>A value in instance data: number, text, boolean, date or nothing.</summary>
public readonly record struct Value(object? Raw)
{
    public static readonly Value Null = new(null);
    public decimal? Number => Raw switch { decimal d => d, int i => i, long l => l, _ => null };
    public override string ToString() => Raw switch
    {
        null => "(leeg)",
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "ja" : "nee",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => Raw.ToString()!,
    };

    public static Value Parse(string text)
    {
        if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var d)) return new(d);
        if (text is "true" or "ja") return new(true);
        if (text is "false" or "nee") return new(false);
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return new(date);
        return new(text);
    }

    public JsonNode? ToJson() => Raw switch
    {
        null => null,
        decimal d => JsonValue.Create(d),
        bool b => JsonValue.Create(b),
        _ => JsonValue.Create(ToString()),
    };

    public static Value FromJson(JsonNode? node) => node switch
    {
        null => Null,
        JsonValue v when v.TryGetValue<decimal>(out var d) => new(d),
        JsonValue v when v.TryGetValue<bool>(out var b) => new(b),
        JsonValue v when v.TryGetValue<string>(out var s) => Parse(s),
        _ => new(node.ToJsonString()),
    };
}

/// <summary>
/// One side of a condition: a literal, a field of the instance data, a parameter of the trigger
/// (<c>param.x</c>) or a computed value (<c>dagenInStatus</c>, <c>vandaag</c>).
/// </summary>
public sealed record Operand(string Text)
{
    public bool IsLiteral => Text.StartsWith('\'') || decimal.TryParse(Text, NumberStyles.Number, CultureInfo.InvariantCulture, out _)
                             || Text is "true" or "false" or "ja" or "nee";
    public bool IsParameter => Text.StartsWith("param.", StringComparison.Ordinal);
    /// <summary>A value of the instance's subject record (<c>subject.rondes</c>), read from the record, never kept in the instance.</summary>
    public bool IsSubject => Text.StartsWith("subject.", StringComparison.Ordinal);
    public bool IsComputed => Text is "dagenInStatus" or "vandaag";
    public string Name => IsParameter ? Text["param.".Length..] : IsSubject ? Text["subject.".Length..] : Text;

    public Value Evaluate(EvaluationContext ctx)
    {
        if (Text.StartsWith('\'')) return new(Text.Trim('\''));
        if (IsLiteral) return Value.Parse(Text);
        if (IsParameter) return ctx.Parameters.TryGetValue(Name, out var p) ? p : Value.Null;
        if (IsSubject) return ctx.Subject?.TryGetValue(Name, out var sv) == true ? sv : Value.Null;
        return Text switch
        {
            "dagenInStatus" => new((decimal)ctx.DaysInState),
            "vandaag" => new(ctx.Today),
            _ => ctx.Data.TryGetValue(Text, out var v) ? v : Value.Null,
        };
    }
}

public sealed record EvaluationContext(IReadOnlyDictionary<string, Value> Data, IReadOnlyDictionary<string, Value> Parameters, int DaysInState, DateOnly Today,
    IReadOnlyDictionary<string, Value>? Subject = null);

/// <summary><c>left op right</c>, e.g. <c>rondes &gt;= dialoogrondes</c> or <c>dagenInStatus &gt;= 30</c>.</summary>
public sealed record Condition(Operand Left, string Op, Operand Right)
{
    private static readonly string[] Ops = [">=", "<=", "==", "!=", ">", "<"];

    public static Condition? TryParse(string text, out string? error)
    {
        error = null;
        foreach (var op in Ops)
        {
            var at = text.IndexOf(op, StringComparison.Ordinal);
            if (at <= 0) continue;
            var left = text[..at].Trim();
            var right = text[(at + op.Length)..].Trim();
            if (left.Length == 0 || right.Length == 0 || left.Contains(' ') || right.Contains(' ')) break;
            return new Condition(new Operand(left), op, new Operand(right));
        }
        error = $"'{text}' is geen voorwaarde van de vorm 'veld operator waarde' (operatoren: {string.Join(' ', Ops)})";
        return null;
    }

    public bool Holds(EvaluationContext ctx)
    {
        var l = Left.Evaluate(ctx);
        var r = Right.Evaluate(ctx);
        if (l.Number is { } a && r.Number is { } b)
            return Op switch { ">=" => a >= b, "<=" => a <= b, "==" => a == b, "!=" => a != b, ">" => a > b, _ => a < b };
        if (l.Raw is DateOnly x && r.Raw is DateOnly y)
            return Op switch { ">=" => x >= y, "<=" => x <= y, "==" => x == y, "!=" => x != y, ">" => x > y, _ => x < y };
        var eq = Equals(l.Raw, r.Raw) || string.Equals(l.ToString(), r.ToString(), StringComparison.Ordinal);
        return Op switch { "==" => eq, "!=" => !eq, _ => false };
    }

    /// <summary>The figures behind the verdict, for the refusal message.</summary>
    public string Explain(EvaluationContext ctx) =>
        $"{Left.Text} = {Left.Evaluate(ctx)}, {Right.Text} = {Right.Evaluate(ctx)}";

    public override string ToString() => $"{Left.Text} {Op} {Right.Text}";
}
