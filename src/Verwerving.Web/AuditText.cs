using System.Text.Json.Nodes;

namespace Verwerving.Web;

/// <summary>An audit entry's details as one readable line instead of raw JSON.</summary>
public static class AuditText
{
    public static string Details(string json)
    {
        try
        {
            if (JsonNode.Parse(json) is not JsonObject o) return json;
            return string.Join("; ", o.Select(kv => $"{kv.Key}: {Flatten(kv.Value)}"));
        }
        catch (System.Text.Json.JsonException) { return json; }
    }

    private static string Flatten(JsonNode? node) => node switch
    {
        null => "—",
        JsonObject o => string.Join(", ", o.Select(kv => $"{kv.Key}={Flatten(kv.Value)}")),
        JsonArray a => string.Join(", ", a.Select(Flatten)),
        _ => node.ToString(),
    };
}
