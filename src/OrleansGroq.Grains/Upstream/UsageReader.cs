using System.Text.Json;

namespace OrleansGroq.Grains.Upstream;

/// <summary>
/// Finds the usage in a chat completion or in a stream chunk: top-level <c>usage</c>, or Groq's
/// <c>x_groq.usage</c> on the last choice chunk. A forward-only read, no document is built; a count that is not a
/// number is passed over, since the upstream's body is not to be trusted to be well-formed.
/// </summary>
public static class UsageReader
{
    public static bool TryRead(ReadOnlySpan<byte> json, out UsageCounts usage)
    {
        usage = default;
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            var found = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.ValueSpan;
                reader.Read();
                if (name.SequenceEqual("usage"u8) && reader.TokenType == JsonTokenType.StartObject)
                {
                    found = ReadUsage(ref reader, out usage);
                }
                else if (name.SequenceEqual("x_groq"u8) && reader.TokenType == JsonTokenType.StartObject && !found)
                {
                    found = ReadGroqExtension(ref reader, out usage);
                }
                else
                {
                    reader.Skip();
                }
            }

            return found;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool ReadGroqExtension(ref Utf8JsonReader reader, out UsageCounts usage)
    {
        usage = default;
        var found = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isUsage = reader.ValueTextEquals("usage"u8);
            reader.Read();
            if (isUsage && reader.TokenType == JsonTokenType.StartObject)
            {
                found = ReadUsage(ref reader, out usage);
            }
            else
            {
                reader.Skip();
            }
        }

        return found;
    }

    private static bool ReadUsage(ref Utf8JsonReader reader, out UsageCounts usage)
    {
        long prompt = 0, completion = 0, cached = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueSpan;
            reader.Read();
            if (name.SequenceEqual("prompt_tokens"u8) && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var p))
            {
                prompt = p;
            }
            else if (name.SequenceEqual("completion_tokens"u8) && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var c))
            {
                completion = c;
            }
            else if (name.SequenceEqual("prompt_tokens_details"u8) && reader.TokenType == JsonTokenType.StartObject)
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isCached = reader.ValueTextEquals("cached_tokens"u8);
                    reader.Read();
                    if (isCached && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var k))
                    {
                        cached = k;
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
            }
            else
            {
                reader.Skip();
            }
        }

        usage = new UsageCounts(prompt, completion, cached);
        return true;
    }
}
