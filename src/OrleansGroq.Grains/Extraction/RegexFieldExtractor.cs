using System.Buffers;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace OrleansGroq.Grains.Extraction;

/// <summary>
/// The last resort of an extraction (seed 001 §3.3, §7.3): fills the schema's top-level properties from local
/// regular expressions when no model answer could be used. A property takes the pattern whose name means the same
/// (<c>phones</c>, <c>phone_number</c> and <c>mobile</c> all take <c>phone_numbers</c>). Array properties get every
/// distinct match, string properties the first match that validates; other types are left out, as are properties
/// with nothing found, so the result's coverage counts real findings only. Only values that validate are written.
/// </summary>
public static class RegexFieldExtractor
{
    /// <summary>
    /// An object with the properties that could be filled. <paramref name="patterns"/> belong to the caller, with
    /// their own match timeouts; a pattern that times out leaves its property empty.
    /// </summary>
    public static JsonElement Extract(JsonElement schema, string text, IReadOnlyDictionary<string, Regex> patterns)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(patterns);
        var walker = new SchemaWalker(schema);
        var byCanonicalName = new Dictionary<string, Regex>(StringComparer.Ordinal);
        foreach (var (name, pattern) in patterns)
        {
            if (FieldNames.Canonical(name) is { Length: > 0 } canonical)
            {
                byCanonicalName.TryAdd(canonical, pattern);
            }
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (SchemaNodes.TryGet(schema, "properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in properties.EnumerateObject())
                {
                    if (patterns.TryGetValue(property.Name, out var pattern) || byCanonicalName.TryGetValue(FieldNames.Canonical(property.Name), out pattern))
                    {
                        WriteField(writer, walker, schema, property, pattern, text);
                    }
                }
            }

            writer.WriteEndObject();
        }

        return JsonElements.FromUtf8(buffer.WrittenSpan);
    }

    private static void WriteField(Utf8JsonWriter writer, SchemaWalker walker, JsonElement root, JsonProperty property, Regex pattern, string text)
    {
        var shape = SchemaNodes.Follow(root, property.Value);
        var isArray = SchemaNodes.HasType(shape, "array");
        if (!isArray && !SchemaNodes.HasType(shape, "string"))
        {
            return;
        }

        List<string> matches;
        try
        {
            matches = pattern.Matches(text).Select(m => m.Value).Distinct(StringComparer.Ordinal).ToList();
        }
        catch (RegexMatchTimeoutException)
        {
            return;
        }

        if (matches.Count == 0)
        {
            return;
        }

        var value = isArray ? ValidArray(walker, shape, matches) : FirstValid(walker, property.Value, matches);
        if (value is { } found && walker.IsValid(property.Value, found))
        {
            writer.WritePropertyName(property.Name);
            found.WriteTo(writer);
        }
    }

    private static JsonElement? FirstValid(SchemaWalker walker, JsonElement schema, List<string> matches)
    {
        foreach (var match in StringArray(matches).EnumerateArray())
        {
            if (walker.IsValid(schema, match))
            {
                return match;
            }
        }

        return null;
    }

    private static JsonElement? ValidArray(SchemaWalker walker, JsonElement shape, List<string> matches)
    {
        var candidates = StringArray(matches).EnumerateArray();
        var kept = SchemaNodes.TryGet(shape, "items", out var items)
            ? candidates.Where(match => walker.IsValid(items, match)).Select(match => match.GetString()!).ToList()
            : matches;
        if (SchemaNodes.TryGet(shape, "maxItems", out var maxItems) && maxItems.ValueKind == JsonValueKind.Number && maxItems.TryGetInt32(out var max) && max >= 0 && kept.Count > max)
        {
            kept = kept.GetRange(0, max);
        }

        return kept.Count == 0 ? null : StringArray(kept);
    }

    private static JsonElement StringArray(List<string> values) => JsonElements.Build(values, static (writer, strings) =>
    {
        writer.WriteStartArray();
        foreach (var value in strings)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    });
}
