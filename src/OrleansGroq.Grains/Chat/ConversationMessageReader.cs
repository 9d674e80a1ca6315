using System.Text.Json;

namespace OrleansGroq.Grains.Chat;

/// <summary>
/// Validates the body of <c>POST /conversations/{id}/messages</c>: one message (<c>role</c>, <c>content</c>,
/// <c>tool_call_id</c>, <c>name</c>) beside the completion fields of a chat body, which are held to the same rules as
/// there. <c>model</c> and <c>messages</c> are the conversation's own and are ignored.
/// </summary>
public static class ConversationMessageReader
{
    private static readonly AllowedValues Roles = new("user", "tool");

    public static bool TryRead(ReadOnlySpan<byte> body, out ConversationMessage message, out ChatRequestError error)
    {
        message = null!;
        if (JsonText.Check(body) is { } undecodable)
        {
            error = undecodable;
            return false;
        }

        var reader = new Utf8JsonReader(body, JsonText.ReaderOptions);
        var draft = default(ChatRequestDraft);
        var turn = default(MessageDraft);
        var tally = default(MessageTally);
        try
        {
            error = ReadObject(ref reader, ref draft, ref turn, ref tally)!;
        }
        catch (JsonException)
        {
            error = JsonText.Unreadable(body, reader);
        }

        error ??= turn.Finish(ItemPath.Root, roleRequired: false)!;
        if (error is null && turn.Content.Kind == ContentKind.Text && tally.Characters == 0)
        {
            error = ChatRequestErrors.Missing("content");
        }

        if (error is not null)
        {
            return false;
        }

        message = new ConversationMessage(turn.Role == MessageRole.Tool ? "tool" : "user", draft.Stream, draft.MaxTokens);
        return true;
    }

    private static ChatRequestError? ReadObject(ref Utf8JsonReader reader, ref ChatRequestDraft draft, ref MessageDraft turn, ref MessageTally tally)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return ChatRequestErrors.NotAnObject();
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            // The message is role, content, tool_call_id and name; every other field is the completion's, as the
            // chat body built for the turn has it (function_call there is the deprecated tool choice).
            var messageField = PropertyNames.Message(ref reader) is var field and (MessageField.Role or MessageField.Content or MessageField.ToolCallId or MessageField.Name)
                ? field
                : MessageField.Unknown;
            var chatField = messageField == MessageField.Unknown ? PropertyNames.Chat(ref reader) : ChatField.Unknown;
            reader.Read();
            var error = messageField switch
            {
                MessageField.Role => ReadRole(ref reader, ref turn),
                MessageField.Unknown when chatField is ChatField.Model or ChatField.Messages => ChatFieldRules.Skip(ref reader),
                MessageField.Unknown => ChatFieldRules.Read(chatField, ref reader, ref draft),
                _ => turn.Read(messageField, ref reader, ItemPath.Root, ref tally),
            };
            if (error is not null)
            {
                return error;
            }
        }

        return reader.Read() ? ChatRequestErrors.InvalidJson() : null;
    }

    private static ChatRequestError? ReadRole(ref Utf8JsonReader reader, ref MessageDraft turn)
    {
        if (reader.TokenType == JsonTokenType.String && Roles.IndexOf(ref reader) is var index and >= 0)
        {
            turn.Role = index == 0 ? MessageRole.User : MessageRole.Tool;
            return null;
        }

        return reader.TokenType == JsonTokenType.Null
            ? null
            : ChatRequestErrors.NotAllowedHere("role", "a conversation takes 'user' messages and 'tool' results.");
    }
}
