using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrleansGroq.Grains.Extraction;

/// <summary>
/// Rewrites a schema for Groq's strict mode (<c>openai/gpt-oss-20b</c>/<c>120b</c> only), which demands that every
/// object schema list all its properties in <c>required</c> and set <c>additionalProperties: false</c> (seed 001
/// §3.1). Optional properties become nullable instead, so "absent" is still expressible: the model answers null.
/// </summary>
/// <remarks>
/// It refuses, rather than change what the client asked for, when an object schema allows extra properties
/// (<c>additionalProperties</c> true or a schema: a map cannot be written as a closed object) or is a free-form
/// object without <c>properties</c>; the caller then sends <c>strict: false</c>. Keywords strict mode may not support
/// are left for Groq to judge: a 400 there falls back like any schema failure.
/// </remarks>
public static class StrictSchema
{
    private const int MaxDepth = 32;

    /// <summary>A strict-compatible copy of <paramref name="schema"/>, or false with the reason in <paramref name="error"/>.</summary>
    public static bool TryPrepare(JsonElement schema, out JsonElement prepared, out string error)
    {
        prepared = default;
        if (schema.ValueKind != JsonValueKind.Object || JsonNode.Parse(schema.GetRawText()) is not JsonObject root)
        {
            error = "schema must be an object schema";
            return false;
        }

        try
        {
            error = IsObjectSchema(root) ? Prepare(root, "schema", 0) ?? "" : "schema must be an object schema";
        }
        catch (ArgumentException)
        {
            // JsonObject refuses duplicate property names, which JsonDocument tolerated when the schema was read.
            error = "schema repeats a property name in one object";
        }

        if (error.Length > 0)
        {
            return false;
        }

        prepared = JsonElements.Build(root, static (writer, node) => node.WriteTo(writer));
        return true;
    }

    private static string? Prepare(JsonNode? node, string path, int depth)
    {
        if (node is not JsonObject schema)
        {
            return null;
        }

        if (depth > MaxDepth)
        {
            return $"{path} nests deeper than {MaxDepth} levels";
        }

        var error = PrepareChildren(schema, path, depth);
        if (error is null && IsObjectSchema(schema))
        {
            error = CloseObject(schema, path);
        }

        return error;
    }

    private static string? PrepareChildren(JsonObject schema, string path, int depth)
    {
        foreach (var map in (string[])["properties", "$defs", "definitions"])
        {
            if (schema[map] is JsonObject entries)
            {
                foreach (var (name, child) in entries)
                {
                    if (Prepare(child, $"{path}.{map}.{name}", depth + 1) is { } error)
                    {
                        return error;
                    }
                }
            }
        }

        if (Prepare(schema["items"], $"{path}.items", depth + 1) is { } itemsError)
        {
            return itemsError;
        }

        foreach (var list in (string[])["anyOf", "oneOf", "allOf"])
        {
            if (schema[list] is JsonArray branches)
            {
                for (var i = 0; i < branches.Count; i++)
                {
                    if (Prepare(branches[i], $"{path}.{list}[{i}]", depth + 1) is { } error)
                    {
                        return error;
                    }
                }
            }
        }

        return null;
    }

    private static string? CloseObject(JsonObject schema, string path)
    {
        var additional = schema["additionalProperties"];
        var closed = additional is JsonValue value && value.GetValueKind() == JsonValueKind.False;
        if (additional is not null && !closed)
        {
            return $"{path}.additionalProperties allows extra properties, which strict mode cannot express";
        }

        if (schema["properties"] is not JsonObject properties)
        {
            return closed ? null : $"{path} is an object without properties, which strict mode cannot express";
        }

        var required = schema["required"] is JsonArray list
            ? list.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>().ToHashSet(StringComparer.Ordinal)
            : [];
        foreach (var name in properties.Select(p => p.Key).ToList())
        {
            if (!required.Contains(name))
            {
                properties[name] = Nullable(properties[name]);
            }
        }

        schema["required"] = new JsonArray(properties.Select(p => (JsonNode?)JsonValue.Create(p.Key)).ToArray());
        schema["additionalProperties"] = false;
        return null;
    }

    /// <summary>The same schema, also accepting null: in the type list when it has one, else as an <c>anyOf</c> branch.</summary>
    private static JsonNode Nullable(JsonNode? schema)
    {
        if (schema is JsonObject obj && obj["type"] is { } type && !obj.ContainsKey("const"))
        {
            var copy = (JsonObject)obj.DeepClone();
            if (type is JsonValue single && single.TryGetValue<string>(out var name))
            {
                copy["type"] = name == "null" ? "null" : new JsonArray(name, "null");
            }
            else if (copy["type"] is JsonArray names && !names.Any(n => IsString(n, "null")))
            {
                names.Add("null");
            }

            if (copy["enum"] is JsonArray values && !values.Any(v => v is null))
            {
                values.Add(null);
            }

            return copy;
        }

        return new JsonObject { ["anyOf"] = new JsonArray(schema?.DeepClone(), new JsonObject { ["type"] = "null" }) };
    }

    private static bool IsObjectSchema(JsonObject schema) =>
        schema.ContainsKey("properties") || schema["type"] switch
        {
            JsonValue single => IsString(single, "object"),
            JsonArray names => names.Any(n => IsString(n, "object")),
            _ => false,
        };

    private static bool IsString(JsonNode? node, string text) => node is JsonValue value && value.TryGetValue<string>(out var s) && s == text;
}
