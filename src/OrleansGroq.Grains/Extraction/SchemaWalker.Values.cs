using System.Text.Json;
using System.Text.RegularExpressions;

namespace OrleansGroq.Grains.Extraction;

/// <summary>The keywords that apply to one kind of instance; each passes instances of other kinds.</summary>
internal sealed partial class SchemaWalker
{
    // Client-supplied patterns run against model output: a catastrophic pattern must cost a request, not a core.
    private static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(100);

    private bool CheckObject(JsonElement schema, JsonElement instance)
    {
        if (instance.ValueKind != JsonValueKind.Object)
        {
            return true;
        }

        var valid = CheckRequired(schema, instance);
        if (!valid && StopAtFirst)
        {
            return false;
        }

        var hasProperties = schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object;
        var hasAdditional = schema.TryGetProperty("additionalProperties", out var additional);
        foreach (var property in instance.EnumerateObject())
        {
            if (hasProperties && properties.TryGetProperty(property.Name, out var propertySchema))
            {
                valid &= WalkChild(propertySchema, property.Value, property.Name);
            }
            else if (hasAdditional && additional.ValueKind == JsonValueKind.False)
            {
                _path.Push(property.Name);
                valid = Fail("is not allowed: the schema sets additionalProperties to false");
                _path.Pop();
            }
            else if (hasAdditional)
            {
                valid &= WalkChild(additional, property.Value, property.Name);
            }

            if (!valid && StopAtFirst)
            {
                return false;
            }
        }

        return valid;
    }

    private bool CheckRequired(JsonElement schema, JsonElement instance)
    {
        if (!schema.TryGetProperty("required", out var required) || required.ValueKind != JsonValueKind.Array)
        {
            return true;
        }

        var valid = true;
        foreach (var name in required.EnumerateArray())
        {
            if (name.ValueKind != JsonValueKind.String || instance.TryGetProperty(name.GetString()!, out _))
            {
                continue;
            }

            _path.Push(name.GetString()!);
            valid = Fail("is required but missing");
            _path.Pop();
            if (StopAtFirst)
            {
                return false;
            }
        }

        return valid;
    }

    private bool CheckArray(JsonElement schema, JsonElement instance)
    {
        if (instance.ValueKind != JsonValueKind.Array)
        {
            return true;
        }

        var count = instance.GetArrayLength();
        var valid = true;
        if (TryGetCount(schema, "minItems", out var minItems) && count < minItems)
        {
            valid = Fail($"must have at least {minItems} items, not {count}");
        }

        if (TryGetCount(schema, "maxItems", out var maxItems) && count > maxItems)
        {
            valid = Fail($"must have at most {maxItems} items, not {count}");
        }

        if ((!valid && StopAtFirst) || !schema.TryGetProperty("items", out var items))
        {
            return valid;
        }

        var index = 0;
        foreach (var item in instance.EnumerateArray())
        {
            valid &= WalkChild(items, item, index++);
            if (!valid && StopAtFirst)
            {
                return false;
            }
        }

        return valid;
    }

    private bool CheckString(JsonElement schema, JsonElement instance)
    {
        if (instance.ValueKind != JsonValueKind.String)
        {
            return true;
        }

        var value = instance.GetString()!;
        var valid = true;
        var hasMin = TryGetCount(schema, "minLength", out var minLength);
        var hasMax = TryGetCount(schema, "maxLength", out var maxLength);
        if (hasMin || hasMax)
        {
            // JSON Schema counts code points, so an emoji is one character, not two UTF-16 units.
            var length = CountCodePoints(value);
            if (hasMin && length < minLength)
            {
                valid = Fail($"must be at least {minLength} characters long, not {length}");
            }

            if (hasMax && length > maxLength)
            {
                valid = Fail($"must be at most {maxLength} characters long, not {length}");
            }
        }

        if (schema.TryGetProperty("pattern", out var pattern) && pattern.ValueKind == JsonValueKind.String)
        {
            valid &= MatchesPattern(value, pattern.GetString()!);
        }

        if (schema.TryGetProperty("format", out var format) && format.ValueKind == JsonValueKind.String && !StringFormats.IsValid(format.GetString()!, value))
        {
            valid = Fail($"must be a valid {format.GetString()}");
        }

        return valid;
    }

    private bool MatchesPattern(string value, string pattern)
    {
        try
        {
            return Regex.IsMatch(value, pattern, RegexOptions.CultureInvariant, PatternTimeout) || Fail($"must match the pattern '{pattern}'");
        }
        catch (RegexMatchTimeoutException)
        {
            return Fail($"could not be checked against the pattern '{pattern}' in time");
        }
        catch (ArgumentException)
        {
            return Fail($"cannot be checked: the pattern '{pattern}' is not a valid regular expression");
        }
    }

    private bool CheckNumber(JsonElement schema, JsonElement instance)
    {
        if (instance.ValueKind != JsonValueKind.Number)
        {
            return true;
        }

        var valid = true;
        if (TryGetNumber(schema, "minimum", out var minimum) && JsonNumbers.Compare(instance, minimum) < 0)
        {
            valid = Fail($"must be >= {minimum.GetRawText()}");
        }

        if (TryGetNumber(schema, "maximum", out var maximum) && JsonNumbers.Compare(instance, maximum) > 0)
        {
            valid = Fail($"must be <= {maximum.GetRawText()}");
        }

        if (TryGetNumber(schema, "exclusiveMinimum", out var exclusiveMinimum) && JsonNumbers.Compare(instance, exclusiveMinimum) <= 0)
        {
            valid = Fail($"must be > {exclusiveMinimum.GetRawText()}");
        }

        if (TryGetNumber(schema, "exclusiveMaximum", out var exclusiveMaximum) && JsonNumbers.Compare(instance, exclusiveMaximum) >= 0)
        {
            valid = Fail($"must be < {exclusiveMaximum.GetRawText()}");
        }

        return valid;
    }

    private static bool TryGetCount(JsonElement schema, string keyword, out long count)
    {
        count = 0;
        return schema.TryGetProperty(keyword, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out count);
    }

    private static bool TryGetNumber(JsonElement schema, string keyword, out JsonElement number) =>
        schema.TryGetProperty(keyword, out number) && number.ValueKind == JsonValueKind.Number;

    private static int CountCodePoints(string value)
    {
        var count = 0;
        foreach (var _ in value.EnumerateRunes())
        {
            count++;
        }

        return count;
    }
}
