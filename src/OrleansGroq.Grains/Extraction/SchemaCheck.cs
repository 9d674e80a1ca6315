using System.Text.Json;
using System.Text.RegularExpressions;

namespace OrleansGroq.Grains.Extraction;

/// <summary>
/// Decides whether a client's schema can drive an extraction, so the endpoint answers a 400 that names the problem
/// instead of spending an upstream call on a schema the model (or <see cref="JsonSchemaValidator"/>) cannot use.
/// The root must be an object schema with properties; every keyword the validator knows must have a value of the
/// right kind, patterns must compile and <c>$ref</c>s must resolve. Unknown keywords are allowed.
/// </summary>
public static class SchemaCheck
{
    private const int MaxDepth = 32;

    private static readonly HashSet<string> TypeNames = ["object", "array", "string", "number", "integer", "boolean", "null"];

    /// <summary>True when usable; otherwise <paramref name="error"/> names the offending keyword by its path.</summary>
    public static bool TryValidateSchema(JsonElement schema, out string error)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            error = "schema must be a JSON object";
            return false;
        }

        if (!schema.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || !type.ValueEquals("object"))
        {
            error = "schema.type must be \"object\": an extraction returns a JSON object";
            return false;
        }

        if (!schema.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object || !properties.EnumerateObject().Any())
        {
            error = "schema.properties must be an object that declares at least one property";
            return false;
        }

        error = Check(schema, schema, "schema", 0) ?? "";
        return error.Length == 0;
    }

    private static string? Check(JsonElement root, JsonElement node, string path, int depth)
    {
        if (node.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return null;
        }

        if (node.ValueKind != JsonValueKind.Object)
        {
            return $"{path} must be a schema object or a boolean";
        }

        if (depth > MaxDepth)
        {
            return $"{path} nests deeper than {MaxDepth} levels";
        }

        foreach (var keyword in node.EnumerateObject())
        {
            var at = $"{path}.{keyword.Name}";
            var value = keyword.Value;
            var error = keyword.Name switch
            {
                "type" => CheckType(value, at),
                "properties" or "$defs" or "definitions" => CheckSchemaMap(root, value, at, depth),
                "required" => IsArrayOf(value, JsonValueKind.String) ? null : $"{at} must be an array of strings",
                "additionalProperties" or "items" => Check(root, value, at, depth + 1),
                "enum" => value.ValueKind == JsonValueKind.Array ? null : $"{at} must be an array",
                "minimum" or "maximum" or "exclusiveMinimum" or "exclusiveMaximum" =>
                    value.ValueKind == JsonValueKind.Number ? null : $"{at} must be a number",
                "minLength" or "maxLength" or "minItems" or "maxItems" =>
                    value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var count) && count >= 0 ? null : $"{at} must be a non-negative integer",
                "pattern" => CheckPattern(value, at),
                "format" or "title" or "description" => value.ValueKind == JsonValueKind.String ? null : $"{at} must be a string",
                "$ref" => CheckRef(root, value, at),
                "anyOf" or "oneOf" or "allOf" => CheckSchemaList(root, value, at, depth),
                _ => null,
            };
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    private static string? CheckType(JsonElement type, string at)
    {
        if (type.ValueKind == JsonValueKind.String)
        {
            return TypeNames.Contains(type.GetString()!) ? null : $"{at} names an unknown type '{type.GetString()}'";
        }

        if (!IsArrayOf(type, JsonValueKind.String) || type.GetArrayLength() == 0)
        {
            return $"{at} must be a string or an array of strings";
        }

        foreach (var name in type.EnumerateArray())
        {
            if (!TypeNames.Contains(name.GetString()!))
            {
                return $"{at} names an unknown type '{name.GetString()}'";
            }
        }

        return null;
    }

    private static string? CheckSchemaMap(JsonElement root, JsonElement map, string at, int depth)
    {
        if (map.ValueKind != JsonValueKind.Object)
        {
            return $"{at} must be an object of schemas";
        }

        foreach (var entry in map.EnumerateObject())
        {
            if (Check(root, entry.Value, $"{at}.{entry.Name}", depth + 1) is { } error)
            {
                return error;
            }
        }

        return null;
    }

    private static string? CheckSchemaList(JsonElement root, JsonElement list, string at, int depth)
    {
        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
        {
            return $"{at} must be a non-empty array of schemas";
        }

        var index = 0;
        foreach (var branch in list.EnumerateArray())
        {
            if (Check(root, branch, $"{at}[{index++}]", depth + 1) is { } error)
            {
                return error;
            }
        }

        return null;
    }

    private static string? CheckPattern(JsonElement pattern, string at)
    {
        if (pattern.ValueKind != JsonValueKind.String)
        {
            return $"{at} must be a string";
        }

        try
        {
            _ = new Regex(pattern.GetString()!, RegexOptions.CultureInvariant);
            return null;
        }
        catch (ArgumentException)
        {
            return $"{at} is not a valid regular expression";
        }
    }

    private static string? CheckRef(JsonElement root, JsonElement reference, string at)
    {
        if (reference.ValueKind != JsonValueKind.String)
        {
            return $"{at} must be a string";
        }

        return SchemaNodes.TryResolveRef(root, reference.GetString()!, out _)
            ? null
            : $"{at} '{reference.GetString()}' does not resolve: only local references such as #/$defs/name are supported";
    }

    private static bool IsArrayOf(JsonElement value, JsonValueKind kind) =>
        value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(item => item.ValueKind == kind);
}
