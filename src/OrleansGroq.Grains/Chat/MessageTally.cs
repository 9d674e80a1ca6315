using System.Text.Json;

namespace OrleansGroq.Grains.Chat;

/// <summary>Reads the <c>messages</c> array: checks each message's shape and counts its text.</summary>
internal struct MessageTally
{
    public int Count;
    public int Characters;
    public bool HasImages;

    public static bool TryRead(ref Utf8JsonReader reader, out MessageTally tally, out ChatRequestError error)
    {
        tally = default;
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return ChatRequestReader.Fail(ChatRequestReader.TypeError("messages", "an array"), out error);
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return ChatRequestReader.Fail(ChatRequestReader.TypeError(Param(tally.Count), "an object"), out error);
            }

            if (!tally.TryReadMessage(ref reader, out error))
            {
                return false;
            }

            tally.Count++;
        }

        error = null!;
        return true;
    }

    private bool TryReadMessage(ref Utf8JsonReader reader, out ChatRequestError error)
    {
        var role = MessageRole.None;
        var hasContent = false;
        var hasToolCalls = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueSpan;
            reader.Read();
            if (name.SequenceEqual("role"u8))
            {
                role = reader.TokenType == JsonTokenType.String ? MessageRoles.Parse(reader.ValueSpan) : MessageRole.Invalid;
                if (role == MessageRole.Invalid)
                {
                    return ChatRequestReader.Fail(new ChatRequestError(
                        $"Invalid value for '{Param(Count)}.role': expected one of 'system', 'developer', 'user', 'assistant' or 'tool'.",
                        $"{Param(Count)}.role",
                        "invalid_value"), out error);
                }
            }
            else if (name.SequenceEqual("content"u8))
            {
                hasContent = reader.TokenType != JsonTokenType.Null;
                if (!TryReadContent(ref reader, out error))
                {
                    return false;
                }
            }
            else
            {
                hasToolCalls |= name.SequenceEqual("tool_calls"u8);
                reader.Skip();
            }
        }

        if (role == MessageRole.None)
        {
            return ChatRequestReader.Fail(new ChatRequestError($"'{Param(Count)}.role' is a required property.", $"{Param(Count)}.role", "missing_required_parameter"), out error);
        }

        if (!hasContent && !(role == MessageRole.Assistant && hasToolCalls))
        {
            return ChatRequestReader.Fail(new ChatRequestError($"'{Param(Count)}.content' is a required property.", $"{Param(Count)}.content", "missing_required_parameter"), out error);
        }

        error = null!;
        return true;
    }

    private bool TryReadContent(ref Utf8JsonReader reader, out ChatRequestError error)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                break;
            case JsonTokenType.String:
                Characters += reader.ValueSpan.Length;
                break;
            case JsonTokenType.StartArray:
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        return ChatRequestReader.Fail(ChatRequestReader.TypeError($"{Param(Count)}.content", "a string or an array of content parts"), out error);
                    }

                    ReadContentPart(ref reader);
                }

                break;
            default:
                return ChatRequestReader.Fail(ChatRequestReader.TypeError($"{Param(Count)}.content", "a string or an array of content parts"), out error);
        }

        error = null!;
        return true;
    }

    // Built only when refusing a body, so well-formed requests allocate nothing per message.
    private static string Param(int index) => $"messages[{index}]";

    private void ReadContentPart(ref Utf8JsonReader reader)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueSpan;
            reader.Read();
            if (name.SequenceEqual("text"u8) && reader.TokenType == JsonTokenType.String)
            {
                Characters += reader.ValueSpan.Length;
            }
            else
            {
                HasImages |= name.SequenceEqual("image_url"u8);
                reader.Skip();
            }
        }
    }
}
