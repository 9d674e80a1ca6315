using System.Text.Json;

namespace OrleansGroq.Grains.Extraction;

/// <summary>Short type descriptions (<c>array of string</c>, <c>one of "a", "b"</c>) for the simplified prompt.</summary>
internal static class FieldTypeText
{
    private const int MaxDepth = 3;

    public static string Describe(JsonElement root, JsonElement schema) => Describe(root, schema, 0);

    private static string Describe(JsonElement root, JsonElement schema, int depth)
    {
        schema = SchemaNodes.Follow(root, schema);
        if (depth > MaxDepth || schema.ValueKind != JsonValueKind.Object)
        {
            return "any value";
        }

        if (schema.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array)
        {
            return "one of " + string.Join(", ", values.EnumerateArray().Select(v => v.GetRawText()));
        }

        if (schema.TryGetProperty("anyOf", out var branches) && branches.ValueKind == JsonValueKind.Array)
        {
            return string.Join(" or ", branches.EnumerateArray().Select(b => Describe(root, b, depth + 1)));
        }

        if (!schema.TryGetProperty("type", out var type))
        {
            return "any value";
        }

        var names = type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Select(t => t.ToString())
            : [type.ToString()];
        return string.Join(" or ", names.Select(name => name == "array" && schema.TryGetProperty("items", out var items)
            ? "array of " + Describe(root, items, depth + 1)
            : name));
    }
}
