using System.Text.Json;

namespace OrleansGroq.Grains.Chat;

/// <summary>
/// One message's fields as they are read, then checked together for its role (<see cref="Finish"/>): the role may
/// come after the content it governs, so the content's shape is kept rather than judged on the spot.
/// </summary>
internal struct MessageDraft
{
    public MessageRole Role;
    public ContentShape Content;
    public bool HasToolCalls;
    public bool HasToolCallId;
    public bool HasName;

    /// <summary>Checks one field of the message; fields Groq does not document pass through.</summary>
    public ChatRequestError? Read(MessageField field, ref Utf8JsonReader reader, ItemPath path, ref MessageTally tally)
    {
        var isSet = reader.TokenType != JsonTokenType.Null;
        switch (field)
        {
            case MessageField.Role:
                Role = reader.TokenType == JsonTokenType.String ? MessageRoles.Parse(ref reader) : MessageRole.Invalid;
                return Role == MessageRole.Invalid ? InvalidRole(ref reader, path) : null;
            case MessageField.Content:
                return ContentReader.Read(ref reader, path, ref tally, out Content);
            case MessageField.ToolCalls:
                HasToolCalls = isSet;
                return ToolsReader.ReadToolCalls(ref reader, path);
            case MessageField.ToolCallId:
                HasToolCallId = isSet;
                return ChatFieldRules.At(JsonRules.String(ref reader), path.Of("tool_call_id"));
            case MessageField.Name:
                HasName = isSet;
                return ChatFieldRules.At(JsonRules.String(ref reader), path.Of("name"));
            case MessageField.Reasoning:
                return ChatFieldRules.At(JsonRules.String(ref reader), path.Of("reasoning"));
            case MessageField.FunctionCall:
                HasToolCalls |= isSet;
                return ChatFieldRules.At(JsonRules.Object(ref reader), path.Of("function_call"));
            default:
                reader.Skip();
                return null;
        }
    }

    /// <summary>The checks that need the whole message: what its role requires and allows.</summary>
    public ChatRequestError? Finish(ItemPath path, bool roleRequired)
    {
        if (Role == MessageRole.None)
        {
            if (roleRequired)
            {
                return ChatRequestErrors.Missing(path.Of("role"));
            }

            Role = MessageRole.User;
        }

        if (HasName)
        {
            // Groq refuses a participant name on every role, although OpenAI's schema has one.
            return ChatRequestErrors.Unsupported(path.Of("name"));
        }

        if ((Content.Kind is ContentKind.Absent or ContentKind.Null) && !(Role == MessageRole.Assistant && HasToolCalls))
        {
            return ChatRequestErrors.Missing(path.Of("content"));
        }

        if (Content is { Kind: ContentKind.Parts, Parts: 0 })
        {
            return ChatRequestErrors.EmptyArray(path.Of("content"));
        }

        if (Content.FirstImage is { } image && Role != MessageRole.User)
        {
            return ChatRequestErrors.NotAllowedHere(path.Of($"content[{image}].type"), "'image_url' parts are only allowed in user messages.");
        }

        if (HasToolCalls && Role != MessageRole.Assistant)
        {
            return ChatRequestErrors.NotAllowedHere(path.Of("tool_calls"), "only assistant messages carry tool calls.");
        }

        return Role == MessageRole.Tool && !HasToolCallId ? ChatRequestErrors.Missing(path.Of("tool_call_id")) : null;
    }

    private static ChatRequestError InvalidRole(ref Utf8JsonReader reader, ItemPath path) =>
        reader.TokenType == JsonTokenType.String
            ? ChatRequestErrors.NotOneOf(path.Of("role"), MessageRoles.Allowed.Describe(), reader.GetString()!)
            : JsonRules.Wrong(ref reader, "a string").At(path.Of("role"));
}
