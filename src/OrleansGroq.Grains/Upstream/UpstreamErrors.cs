using System.Text.Json;
using OrleansGroq.Abstractions.Upstream;

namespace OrleansGroq.Grains.Upstream;

/// <summary>
/// Reads Groq's error body, <c>{"error":{"message","type","code"}}</c> (also the <c>data</c> of a streamed
/// <c>event: error</c>), and from a rate-limit message the limit it names and its "Please try again in" duration.
/// </summary>
public static class UpstreamErrors
{
    private const string TryAgainIn = "try again in ";

    /// <summary>Parses an error body; returns <see langword="null"/> when it is not JSON or has no <c>error</c> object.</summary>
    public static UpstreamError? Parse(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isError = reader.ValueTextEquals("error"u8);
                reader.Read();
                if (isError && reader.TokenType == JsonTokenType.StartObject)
                {
                    return ReadError(ref reader);
                }

                reader.Skip();
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Finds the limit a rate-limit message names: <c>(RPM)</c>, <c>(RPD)</c>, <c>(TPM)</c>, <c>(TPD)</c>, <c>(ASH)</c>, <c>(ASD)</c>.</summary>
    public static RateLimitKind ParseLimitKind(ReadOnlySpan<char> message)
    {
        var open = message.IndexOf('(');
        while (open >= 0 && open + 4 < message.Length)
        {
            if (message[open + 4] == ')')
            {
                var kind = message.Slice(open + 1, 3) switch
                {
                    "RPM" => RateLimitKind.RequestsPerMinute,
                    "RPD" => RateLimitKind.RequestsPerDay,
                    "TPM" => RateLimitKind.TokensPerMinute,
                    "TPD" => RateLimitKind.TokensPerDay,
                    "ASH" => RateLimitKind.AudioSecondsPerHour,
                    "ASD" => RateLimitKind.AudioSecondsPerDay,
                    _ => RateLimitKind.Unknown,
                };
                if (kind != RateLimitKind.Unknown)
                {
                    return kind;
                }
            }

            var next = message[(open + 1)..].IndexOf('(');
            open = next < 0 ? -1 : open + 1 + next;
        }

        return RateLimitKind.Unknown;
    }

    /// <summary>Finds the duration in "Please try again in 11.19s." or "... in 2m59.56s".</summary>
    public static bool TryParseRetryIn(ReadOnlySpan<char> message, out TimeSpan retryIn)
    {
        retryIn = default;
        var at = message.IndexOf(TryAgainIn, StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return false;
        }

        var rest = message[(at + TryAgainIn.Length)..];
        var end = rest.IndexOfAny(" ,;)\"'");
        var token = (end < 0 ? rest : rest[..end]).TrimEnd('.');
        return GoDuration.TryParse(token, out retryIn);
    }

    private static UpstreamError ReadError(ref Utf8JsonReader reader)
    {
        string? message = null, type = null, code = null;
        var depth = reader.CurrentDepth;
        while (reader.Read() && !(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth))
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            ref var target = ref message;
            if (reader.ValueTextEquals("type"u8))
            {
                target = ref type;
            }
            else if (reader.ValueTextEquals("code"u8))
            {
                target = ref code;
            }
            else if (!reader.ValueTextEquals("message"u8))
            {
                reader.Read();
                reader.Skip();
                continue;
            }

            reader.Read();
            if (reader.TokenType == JsonTokenType.String)
            {
                target = reader.GetString();
            }
            else
            {
                reader.Skip();
            }
        }

        var limit = message is null ? RateLimitKind.Unknown : ParseLimitKind(message);
        TimeSpan? retryIn = message is not null && TryParseRetryIn(message, out var duration) ? duration : null;
        return new UpstreamError(type, code, limit, retryIn);
    }
}
