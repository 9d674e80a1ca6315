using System.Buffers;
using System.Text.Json;

namespace OrleansGroq.Grains.Extraction;

/// <summary>
/// Salvages what is usable from an answer that failed validation as a whole: each top-level property is judged on
/// its own against its sub-schema (with <c>$ref</c>s resolved against the whole schema), and only the valid ones are
/// kept.
/// </summary>
/// <remarks>
/// The total is every declared property, not only the <c>required</c> ones: schemas for best-effort models often
/// require nothing, which would make the ratio meaningless, and strict schemas require everything anyway. A valid
/// <c>null</c> or empty array counts as found: it is the model's answer that the text holds no such value, and
/// <see cref="RegexFieldExtractor"/> never writes one, so its results count only real matches.
/// </remarks>
public static class SchemaCoverage
{
    /// <summary>Prunes <paramref name="candidate"/> to its valid declared properties and rates the result.</summary>
    public static PartialResult Measure(JsonElement schema, JsonElement candidate)
    {
        var walker = new SchemaWalker(schema);
        var buffer = new ArrayBufferWriter<byte>(256);
        int found = 0, total = 0;
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (SchemaNodes.TryGet(schema, "properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in properties.EnumerateObject())
                {
                    total++;
                    if (candidate.ValueKind == JsonValueKind.Object
                        && candidate.TryGetProperty(property.Name, out var value)
                        && walker.IsValid(property.Value, value))
                    {
                        found++;
                        writer.WritePropertyName(property.Name);
                        value.WriteTo(writer);
                    }
                }
            }

            writer.WriteEndObject();
        }

        return new PartialResult(JsonElements.FromUtf8(buffer.WrittenSpan), found, total, Classify(found, total));
    }

    /// <summary>
    /// The seed's thresholds in integer arithmetic, so the boundaries are exact: half or more is trusted, a quarter
    /// up to half is low, under a quarter is discarded.
    /// </summary>
    public static ExtractionConfidence Classify(int found, int total)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(found);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(found, total);
        if (found == total)
        {
            return ExtractionConfidence.Complete;
        }

        if (2L * found >= total)
        {
            return ExtractionConfidence.Trusted;
        }

        return 4L * found >= total ? ExtractionConfidence.Low : ExtractionConfidence.Discarded;
    }
}
