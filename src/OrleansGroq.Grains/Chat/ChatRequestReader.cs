using System.Text.Json;

namespace OrleansGroq.Grains.Chat;

/// <summary>
/// Validates a chat completion body and extracts <see cref="ChatRequest"/> in a single forward pass.
/// Only what the gateway must vouch for is checked (JSON well-formed, field types, roles); the rest
/// is Groq's to judge, so unknown fields pass through untouched.
/// </summary>
public static class ChatRequestReader
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64 };

    public static bool TryRead(ReadOnlySpan<byte> body, out ChatRequest request, out ChatRequestError error)
    {
        request = null!;
        try
        {
            return TryReadCore(body, out request, out error);
        }
        catch (JsonException)
        {
            error = new ChatRequestError(
                "We could not parse the JSON body of your request. The body must be a valid JSON object.",
                null,
                "invalid_json");
            return false;
        }
    }

    private static bool TryReadCore(ReadOnlySpan<byte> body, out ChatRequest request, out ChatRequestError error)
    {
        request = null!;
        var reader = new Utf8JsonReader(body, ReaderOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            error = new ChatRequestError("The request body must be a JSON object.", null, "invalid_json");
            return false;
        }

        string? model = null;
        Range modelRange = default;
        bool stream = false, hasMessages = false, hasTools = false, hasReasoningOptions = false;
        var responseFormat = ResponseFormatKind.None;
        string? serviceTier = null;
        int? maxTokens = null;
        double? temperature = null;
        string? user = null;
        var messages = new MessageTally();

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueSpan;
            reader.Read();
            if (name.SequenceEqual("model"u8))
            {
                if (reader.TokenType != JsonTokenType.String)
                {
                    return Fail(TypeError("model", "a string"), out error);
                }

                model = reader.GetString();
                var start = (int)reader.TokenStartIndex;
                modelRange = new Range(start, start + reader.ValueSpan.Length + 2);
            }
            else if (name.SequenceEqual("messages"u8))
            {
                hasMessages = true;
                if (!MessageTally.TryRead(ref reader, out messages, out error))
                {
                    return false;
                }
            }
            else if (name.SequenceEqual("stream"u8))
            {
                if (reader.TokenType is not (JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null))
                {
                    return Fail(TypeError("stream", "a boolean"), out error);
                }

                stream = reader.TokenType == JsonTokenType.True;
            }
            else if (name.SequenceEqual("max_tokens"u8) || name.SequenceEqual("max_completion_tokens"u8))
            {
                var field = name.SequenceEqual("max_tokens"u8) ? "max_tokens" : "max_completion_tokens";
                if (reader.TokenType == JsonTokenType.Null)
                {
                    continue;
                }

                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var value) || value < 1)
                {
                    return Fail(TypeError(field, "a positive integer"), out error);
                }

                maxTokens = value;
            }
            else if (name.SequenceEqual("temperature"u8))
            {
                if (reader.TokenType == JsonTokenType.Null)
                {
                    continue;
                }

                if (reader.TokenType != JsonTokenType.Number || reader.GetDouble() is < 0 or > 2)
                {
                    return Fail(TypeError("temperature", "a number between 0 and 2"), out error);
                }

                temperature = reader.GetDouble();
            }
            else if (name.SequenceEqual("user"u8))
            {
                if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Null))
                {
                    return Fail(TypeError("user", "a string"), out error);
                }

                user = reader.GetString();
            }
            else if (name.SequenceEqual("response_format"u8))
            {
                if (!ResponseFormatReader.TryRead(ref reader, out responseFormat, out error))
                {
                    return false;
                }
            }
            else if (name.SequenceEqual("service_tier"u8))
            {
                if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Null))
                {
                    return Fail(TypeError("service_tier", "a string"), out error);
                }

                serviceTier = reader.GetString();
            }
            else
            {
                hasTools |= name.SequenceEqual("tools"u8) && reader.TokenType == JsonTokenType.StartArray && !IsEmptyArray(reader);
                hasReasoningOptions |= reader.TokenType != JsonTokenType.Null
                    && (name.SequenceEqual("reasoning_format"u8) || name.SequenceEqual("reasoning_effort"u8) || name.SequenceEqual("include_reasoning"u8));
                reader.Skip();
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            return Fail(new ChatRequestError("The request body must be a single JSON object.", null, "invalid_json"), out error);
        }

        if (model is null || model.Length == 0)
        {
            return Fail(new ChatRequestError("'model' is a required property.", "model", "missing_required_parameter"), out error);
        }

        if (!hasMessages || messages.Count == 0)
        {
            return Fail(new ChatRequestError("'messages' must be a non-empty array of messages.", "messages", "missing_required_parameter"), out error);
        }

        request = new ChatRequest
        {
            Model = model,
            ModelValueRange = modelRange,
            Stream = stream,
            MaxTokens = maxTokens,
            Temperature = temperature,
            User = user,
            MessageCount = messages.Count,
            PromptCharacters = messages.Characters,
            HasTools = hasTools,
            ResponseFormat = responseFormat,
            HasReasoningOptions = hasReasoningOptions,
            ServiceTier = serviceTier,
            HasImages = messages.HasImages,
        };
        error = null!;
        return true;
    }

    // A copy of the reader looks one token ahead; an empty tools array asks for no tools.
    private static bool IsEmptyArray(Utf8JsonReader reader) => reader.Read() && reader.TokenType == JsonTokenType.EndArray;

    internal static ChatRequestError TypeError(string param, string expected) =>
        new($"Invalid type for '{param}': expected {expected}.", param, "invalid_type");

    internal static bool Fail(ChatRequestError value, out ChatRequestError error)
    {
        error = value;
        return false;
    }
}
