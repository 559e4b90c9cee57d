using System.Globalization;
using System.Text.Json.Nodes;
using Verwerving.Text;
using Verwerving.Workflows;

namespace Verwerving.Web;

/// <summary>One step in a workflow's history as a person reads it: who, what, and the values given with it.</summary>
public sealed record StepRow(long Sequence, DateTime At, string Who, string What, string Details);

/// <summary>
/// Turns a workflow's audit entries into Dutch: the step's title instead of its trigger id, state titles, parameter labels and
/// names instead of codes. The audit trail itself keeps the ids; this is only how a page shows it.
/// </summary>
public sealed class StepText(WorkflowDefinition definition, Func<string, string> person, Func<string, string?> providerName)
{
    public StepRow Describe(HistoryView entry)
    {
        var o = Parse(entry.Details);
        string S(string name) => o?[name]?.ToString() ?? "";
        var trigger = definition.Trigger(S("trigger"));
        var title = trigger?.Title ?? S("trigger");
        var (what, details) = entry.Action switch
        {
            WorkflowAudit.Started => ("Workflow gestart", $"Status: {State(S("status"))}"),
            WorkflowAudit.Transition => (title, Join(
                trigger is { Internal: true } || S("van") == S("naar") ? null : $"{State(S("van"))} → {State(S("naar"))}",
                o?["timer"] is JsonValue ? "gepland" : null, Parameters(trigger, o?["parameters"] as JsonObject),
                o?["bevindingen"] is JsonArray { Count: > 0 } open ? $"{open.Count} open {(open.Count == 1 ? "bevinding" : "bevindingen")} op het onderwerp" : null)),
            WorkflowAudit.Approved => ($"{title}: instemming", Join($"Ingestemd voor {S("regio")}; wacht op {List(o?["wachtOp"])}",
                Parameters(trigger, o?["parameters"] as JsonObject))),
            WorkflowAudit.TaskAssigned => ("Taak toegewezen", $"{S("titel")}: aan {person(S("aan"))}"),
            WorkflowAudit.TimerRefused => ($"Geplande stap niet gezet: {title}", List(o?["redenen"])),
            WorkflowAudit.TimerFailed => ($"Geplande stap mislukt: {title}", $"Poging {S("poging")}: {S("fout")}"),
            WorkflowAudit.TimerIncident => ($"Geplande stap wacht op een mens: {title}", $"Na {S("poging")} pogingen: {S("fout")}"),
            WorkflowAudit.TimerRetried => ($"Geplande stap opnieuw ingepland: {title}", ""),
            _ => (entry.Action, AuditText.Details(entry.Details)),
        };
        return new StepRow(entry.Sequence, entry.At, person(entry.Actor), what, details);
    }

    private string State(string id) => definition.States.FirstOrDefault(s => s.Id == id)?.Title ?? id;

    private string? Parameters(TriggerDefinition? trigger, JsonObject? values)
    {
        if (values is null || values.Count == 0) return null;
        return string.Join("; ", values.Where(kv => kv.Value?.ToString() is { Length: > 0 }).Select(kv =>
        {
            var p = trigger?.Parameters.FirstOrDefault(x => x.Name == kv.Key);
            var text = kv.Value!.ToString();
            return $"{p?.Label ?? kv.Key}: {(p is null ? text : Value(p, text))}";
        }));
    }

    private string Value(ParameterDefinition p, string text) => p.Kind switch
    {
        ParameterKind.Date when DateOnly.TryParseExact(text, ["yyyy-MM-dd", "d-M-yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) => Nl.Date(d),
        ParameterKind.Bool => text is "true" or "ja" ? "ja" : "nee",
        ParameterKind.Money when ParameterValues.ParseEuros(text) is { } euros => Nl.Euro((long)Math.Round(euros * 100)),
        ParameterKind.Provider => providerName(text) is { } name ? $"{name} ({text})" : text,
        _ => text,
    };

    private static string List(JsonNode? node) => node is JsonArray a ? string.Join(", ", a.Select(x => x?.ToString())) : node?.ToString() ?? "";

    private static string Join(params string?[] parts) => string.Join(" · ", parts.Where(p => !string.IsNullOrEmpty(p)));

    private static JsonObject? Parse(string json)
    {
        try { return JsonNode.Parse(json) as JsonObject; }
        catch (System.Text.Json.JsonException) { return null; }
    }
}
