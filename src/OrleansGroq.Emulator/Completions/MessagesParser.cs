using System.Text.Json;
using OrleansGroq.Emulator.Determinism;
using OrleansGroq.Emulator.Http;

namespace OrleansGroq.Emulator.Completions;

/// <summary>
/// Reads <c>messages</c>: validates each one as Groq does, counts its tokens and hashes the prompt
/// prefix that ends with it (over the message's bytes as sent).
/// </summary>
internal static class MessagesParser
{
    public ref struct Result
    {
        public List<PromptPrefix>? Prefixes;
        public int Tokens;
        public string? LastRole;
    }

    /// <summary>Reads the array the reader stands on; returns the first problem, or null.</summary>
    public static GroqError? Parse(ReadOnlySpan<byte> json, ref Utf8JsonReader reader, ref Result result)
    {
        result.Prefixes = new List<PromptPrefix>(4);
        result.LastRole = "";
        GroqError? error = null;
        var hash = StableHash.Seed;
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                error ??= GroqErrors.Invalid($"'messages.{index}' : value must be an object", "messages");
                reader.Skip();
                index++;
                continue;
            }

            var start = (int)reader.TokenStartIndex;
            var message = ParseMessage(ref reader, index, ref error);
            hash = StableHash.Append(hash, json[start..(int)reader.BytesConsumed]);
            result.Tokens += message.Tokens;
            result.Prefixes.Add(new PromptPrefix(hash, result.Tokens));
            result.LastRole = message.Role ?? "";
            index++;
        }

        if (index == 0)
        {
            error ??= GroqErrors.Invalid("'messages' : minimum number of items is 1", "messages");
        }

        return error;
    }

    private static (string? Role, int Tokens) ParseMessage(ref Utf8JsonReader reader, int index, ref GroqError? error)
    {
        string? role = null;
        string? badRole = null;
        string? unsupported = null;
        var textBytes = 0;
        var images = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("role"u8))
            {
                reader.Read();
                role = reader.TokenType == JsonTokenType.String ? KnownRole(reader.ValueSpan) : null;
                if (role is null)
                {
                    badRole = reader.TokenType == JsonTokenType.String ? reader.GetString() : "";
                }
            }
            else if (reader.ValueTextEquals("content"u8))
            {
                reader.Read();
                ReadContent(ref reader, index, ref textBytes, ref images, ref error);
            }
            else if (reader.ValueTextEquals("tool_calls"u8))
            {
                reader.Read();
                var start = reader.TokenStartIndex;
                reader.Skip();
                textBytes += (int)(reader.BytesConsumed - start);
            }
            else if (reader.ValueTextEquals("reasoning"u8))
            {
                reader.Read();
                textBytes += reader.TokenType == JsonTokenType.String ? reader.ValueSpan.Length : 0;
                reader.Skip();
            }
            else if (reader.ValueTextEquals("tool_call_id"u8))
            {
                reader.Read();
                reader.Skip();
            }
            else
            {
                // Groq rejects everything else, 'name' included.
                unsupported ??= reader.GetString();
                reader.Read();
                reader.Skip();
            }
        }

        if (error is null && (role is null || unsupported is not null))
        {
            var at = $"'messages.{index}'";
            error = badRole is not null ? GroqErrors.Invalid($"{at} : discriminator property 'role' has invalid value '{GroqErrors.Quote(badRole)}'", "messages")
                : role is null ? GroqErrors.Invalid($"{at} : discriminator property 'role' is missing", "messages")
                : GroqErrors.Invalid($"{at} : for 'role:{role}' the following must be satisfied[({at} : property '{GroqErrors.Quote(unsupported!)}' is unsupported)]", "messages");
        }

        return (role, TokenEstimator.PerMessage + TokenEstimator.ForText(textBytes) + (images * TokenEstimator.PerImage));
    }

    private static void ReadContent(ref Utf8JsonReader reader, int index, ref int textBytes, ref int images, ref GroqError? error)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                textBytes += reader.ValueSpan.Length;
                return;
            case JsonTokenType.Null:
                return;
            case JsonTokenType.StartArray:
                break;
            default:
                error ??= GroqErrors.Invalid($"'messages.{index}.content' : value must be a string or an array", "messages");
                reader.Skip();
                return;
        }

        var part = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                error ??= GroqErrors.Invalid($"'messages.{index}.content' : items must be objects", "messages");
                reader.Skip();
            }
            else
            {
                ReadPart(ref reader, index, part, ref textBytes, ref images, ref error);
            }

            part++;
        }
    }

    /// <summary>A content part: <c>{"type":"text","text":...}</c> or <c>{"type":"image_url","image_url":{...}}</c>.</summary>
    private static void ReadPart(ref Utf8JsonReader reader, int index, int part, ref int textBytes, ref int images, ref GroqError? error)
    {
        string? type = null;
        bool hasText = false, hasImage = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isType = reader.ValueTextEquals("type"u8);
            var isText = !isType && reader.ValueTextEquals("text"u8);
            var isImage = !isType && !isText && reader.ValueTextEquals("image_url"u8);
            reader.Read();
            if (isType)
            {
                type = reader.TokenType != JsonTokenType.String ? ""
                    : reader.ValueTextEquals("text"u8) ? "text"
                    : reader.ValueTextEquals("image_url"u8) ? "image_url"
                    : reader.GetString();
            }
            else if (isText && reader.TokenType == JsonTokenType.String)
            {
                hasText = true;
                textBytes += reader.ValueSpan.Length;
            }
            else if (isImage && reader.TokenType == JsonTokenType.StartObject)
            {
                hasImage = true;
                images++;
            }

            reader.Skip();
        }

        if (error is not null || (type == "text" && hasText) || (type == "image_url" && hasImage))
        {
            return;
        }

        var at = $"'messages.{index}.content.{part}'";
        error = type switch
        {
            null => GroqErrors.Invalid($"{at} : discriminator property 'type' is missing", "messages"),
            "text" => GroqErrors.Invalid($"{at} : property 'text' is missing", "messages"),
            "image_url" => GroqErrors.Invalid($"{at} : property 'image_url' is missing", "messages"),
            _ => GroqErrors.Invalid($"{at} : discriminator property 'type' has invalid value '{GroqErrors.Quote(type)}'", "messages"),
        };
    }

    private static string? KnownRole(ReadOnlySpan<byte> role) =>
        role.SequenceEqual("user"u8) ? "user"
        : role.SequenceEqual("assistant"u8) ? "assistant"
        : role.SequenceEqual("system"u8) ? "system"
        : role.SequenceEqual("tool"u8) ? "tool"
        : role.SequenceEqual("developer"u8) ? "developer"
        : null;
}
