using System.Globalization;
using System.Text.Json;
using OrleansGroq.Emulator.Http;

namespace OrleansGroq.Emulator.Completions;

/// <summary>
/// Fields that change nothing in the emulator's answer but whose values Groq checks: sampling numbers and their
/// ranges, <c>stop</c>, <c>user</c>, and a few flags.
/// </summary>
internal static class SamplingFieldsParser
{
    private const int MaxStopSequences = 4;

    private static readonly (byte[] Name, string Field, double Minimum, double Maximum)[] Numbers =
    [
        ("temperature"u8.ToArray(), "temperature", 0, 2),
        ("top_p"u8.ToArray(), "top_p", 0, 1),
        ("frequency_penalty"u8.ToArray(), "frequency_penalty", -2, 2),
        ("presence_penalty"u8.ToArray(), "presence_penalty", -2, 2),
    ];

    /// <summary>Reads the property under the reader if it is one of these fields; false leaves the reader untouched.</summary>
    public static bool TryParse(ref Utf8JsonReader reader, out GroqError? error)
    {
        foreach (var (name, field, minimum, maximum) in Numbers)
        {
            if (reader.ValueTextEquals(name))
            {
                reader.Read();
                error = Number(ref reader, field, minimum, maximum);
                return true;
            }
        }

        var kind = reader.ValueTextEquals("stop"u8) ? "stop"
            : reader.ValueTextEquals("user"u8) ? "user"
            : reader.ValueTextEquals("parallel_tool_calls"u8) ? "parallel_tool_calls"
            : reader.ValueTextEquals("store"u8) ? "store"
            : reader.ValueTextEquals("metadata"u8) ? "metadata"
            : null;
        if (kind is null)
        {
            error = null;
            return false;
        }

        reader.Read();
        var token = reader.TokenType;
        error = kind switch
        {
            _ when token == JsonTokenType.Null => null,
            "stop" => Stop(ref reader),
            "user" when token != JsonTokenType.String => GroqErrors.Invalid("'user' : value must be a string", "user"),
            "parallel_tool_calls" or "store" when token is not (JsonTokenType.True or JsonTokenType.False) =>
                GroqErrors.Invalid($"'{kind}' : value must be a boolean", kind),
            "metadata" when token != JsonTokenType.StartObject => GroqErrors.Invalid("'metadata' : value must be an object", "metadata"),
            _ => null,
        };
        reader.Skip();
        return true;
    }

    private static GroqError? Number(ref Utf8JsonReader reader, string field, double minimum, double maximum)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.Number)
        {
            reader.Skip();
            return GroqErrors.Invalid($"'{field}' : value must be a number", field);
        }

        var value = reader.TryGetDouble(out var number) ? number : reader.ValueSpan[0] == '-' ? double.NegativeInfinity : double.PositiveInfinity;
        return value < minimum ? GroqErrors.Invalid($"'{field}' : number must be at least {minimum.ToString(CultureInfo.InvariantCulture)}", field)
            : value > maximum ? GroqErrors.Invalid($"'{field}' : number must be at most {maximum.ToString(CultureInfo.InvariantCulture)}", field)
            : null;
    }

    private static GroqError? Stop(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return GroqErrors.Invalid("'stop' : value must be a string or an array", "stop");
        }

        GroqError? error = null;
        var count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                error ??= GroqErrors.Invalid($"'stop.{count}' : value must be a string", "stop");
                reader.Skip();
            }

            count++;
        }

        return error ?? (count > MaxStopSequences ? GroqErrors.Invalid($"'stop' : maximum number of items is {MaxStopSequences}", "stop") : null);
    }
}
