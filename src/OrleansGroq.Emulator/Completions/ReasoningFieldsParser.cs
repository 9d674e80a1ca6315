using System.Text.Json;
using OrleansGroq.Emulator.Http;

namespace OrleansGroq.Emulator.Completions;

/// <summary>Groq's own request fields: <c>reasoning_format</c>, <c>include_reasoning</c>, <c>reasoning_effort</c>, <c>service_tier</c>.</summary>
internal static class ReasoningFieldsParser
{
    /// <summary>Reads the property under the reader if it is one of Groq's fields; false leaves the reader untouched.</summary>
    public static bool TryParse(ref Utf8JsonReader reader, ref ChatRequestDraft draft, out GroqError? error)
    {
        error = null;
        if (reader.ValueTextEquals("reasoning_format"u8))
        {
            reader.Read();
            if (!IsStringOrNull(reader, "reasoning_format", out error))
            {
                reader.Skip();
                return true;
            }

            draft.ReasoningFormat = reader.TokenType == JsonTokenType.Null ? null
                : reader.ValueTextEquals("parsed"u8) ? ReasoningFormat.Parsed
                : reader.ValueTextEquals("raw"u8) ? ReasoningFormat.Raw
                : reader.ValueTextEquals("hidden"u8) ? ReasoningFormat.Hidden
                : null;
            if (draft.ReasoningFormat is null && reader.TokenType != JsonTokenType.Null)
            {
                error = GroqErrors.Invalid("'reasoning_format' : value is not one of the allowed values ['hidden', 'raw', 'parsed']", "reasoning_format");
            }
        }
        else if (reader.ValueTextEquals("include_reasoning"u8))
        {
            reader.Read();
            draft.IncludeReasoning = reader.TokenType switch
            {
                JsonTokenType.True => true,
                JsonTokenType.False => false,
                _ => null,
            };
            if (draft.IncludeReasoning is null && reader.TokenType != JsonTokenType.Null)
            {
                error = GroqErrors.Invalid("'include_reasoning' : value must be a boolean", "include_reasoning");
            }
        }
        else if (reader.ValueTextEquals("reasoning_effort"u8))
        {
            reader.Read();
            if (!IsStringOrNull(reader, "reasoning_effort", out error))
            {
                reader.Skip();
                return true;
            }

            draft.ReasoningEffort = reader.TokenType == JsonTokenType.Null ? null
                : reader.ValueTextEquals("none"u8) ? "none"
                : reader.ValueTextEquals("default"u8) ? "default"
                : reader.ValueTextEquals("low"u8) ? "low"
                : reader.ValueTextEquals("medium"u8) ? "medium"
                : reader.ValueTextEquals("high"u8) ? "high"
                : null;
            if (draft.ReasoningEffort is null && reader.TokenType != JsonTokenType.Null)
            {
                error = GroqErrors.Invalid("'reasoning_effort' : value is not one of the allowed values ['none', 'default', 'low', 'medium', 'high']", "reasoning_effort");
            }
        }
        else if (reader.ValueTextEquals("service_tier"u8))
        {
            reader.Read();
            var tier = reader.TokenType == JsonTokenType.String ? ServiceTiers.Normalize(reader.ValueSpan) : null;
            draft.ServiceTier = tier ?? ServiceTiers.OnDemand;
            if (tier is null && reader.TokenType != JsonTokenType.Null)
            {
                error = GroqErrors.Invalid("'service_tier' : value is not one of the allowed values ['auto', 'on_demand', 'flex', 'performance']", "service_tier");
            }
        }
        else
        {
            return false;
        }

        reader.Skip();
        return true;
    }

    // ValueTextEquals throws on anything but a string or a property name, so the type is checked first.
    private static bool IsStringOrNull(in Utf8JsonReader reader, string field, out GroqError? error)
    {
        error = reader.TokenType is JsonTokenType.String or JsonTokenType.Null ? null : GroqErrors.Invalid($"'{field}' : value must be a string", field);
        return error is null;
    }
}
