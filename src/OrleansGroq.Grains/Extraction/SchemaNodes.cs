using System.Text.Json;

namespace OrleansGroq.Grains.Extraction;

/// <summary>
/// Reads keywords of schema nodes that may be booleans or malformed: callers validate client schemas, so nothing
/// here may throw on an unexpected shape.
/// </summary>
internal static class SchemaNodes
{
    private const int MaxRefHops = 8;

    public static bool TryGet(JsonElement schema, string keyword, out JsonElement value)
    {
        if (schema.ValueKind == JsonValueKind.Object)
        {
            return schema.TryGetProperty(keyword, out value);
        }

        value = default;
        return false;
    }

    /// <summary>
    /// Resolves a document-local <c>$ref</c> (<c>#</c>, <c>#/$defs/x</c>, <c>#/definitions/x</c> or any JSON pointer
    /// into the root). Remote references are not fetched: a gateway must not let a client make it call out.
    /// </summary>
    public static bool TryResolveRef(JsonElement root, string reference, out JsonElement target)
    {
        target = root;
        if (reference.Length == 0 || reference[0] != '#')
        {
            return false;
        }

        if (reference.Length == 1)
        {
            return true;
        }

        if (reference[1] != '/')
        {
            return false;
        }

        foreach (var raw in reference[2..].Split('/'))
        {
            var token = Uri.UnescapeDataString(raw).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (target.ValueKind == JsonValueKind.Object && target.TryGetProperty(token, out var child))
            {
                target = child;
            }
            else if (target.ValueKind == JsonValueKind.Array && int.TryParse(token, out var index) && index >= 0 && index < target.GetArrayLength())
            {
                target = target[index];
            }
            else
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The schema a chain of <c>$ref</c>s leads to, for reading a node's shape (type, items, enum).</summary>
    public static JsonElement Follow(JsonElement root, JsonElement schema)
    {
        for (var hop = 0; hop < MaxRefHops && TryGet(schema, "$ref", out var reference) && reference.ValueKind == JsonValueKind.String; hop++)
        {
            if (!TryResolveRef(root, reference.GetString()!, out var target))
            {
                break;
            }

            schema = target;
        }

        return schema;
    }

    /// <summary>Whether the node's <c>type</c> is <paramref name="typeName"/> or a list that contains it.</summary>
    public static bool HasType(JsonElement schema, string typeName)
    {
        if (!TryGet(schema, "type", out var type))
        {
            return false;
        }

        if (type.ValueKind == JsonValueKind.String)
        {
            return type.ValueEquals(typeName);
        }

        if (type.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in type.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String && item.ValueEquals(typeName))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
