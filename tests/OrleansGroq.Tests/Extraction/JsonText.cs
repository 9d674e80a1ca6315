using System.Text.Json;

namespace OrleansGroq.Tests.Extraction;

internal static class JsonText
{
    public static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    public static string Compact(JsonElement element) => JsonSerializer.Serialize(element);
}
