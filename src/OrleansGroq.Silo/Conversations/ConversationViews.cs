using System.Text.Json;
using OrleansGroq.Abstractions.Conversations;

namespace OrleansGroq.Silo.Conversations;

/// <summary>The JSON shapes of the conversation API (snake_case, OpenAI style); stored messages are embedded verbatim.</summary>
internal static class ConversationViews
{
    public static void WriteConversation(Utf8JsonWriter writer, StoredConversation conversation, IReadOnlyList<StoredMessage>? messages)
    {
        writer.WriteStartObject();
        writer.WriteString("id", conversation.Id);
        writer.WriteString("object", "conversation");
        writer.WriteNumber("created_at", conversation.CreatedAt.ToUnixTimeSeconds());
        writer.WriteString("model", conversation.Model);
        writer.WriteString("key", conversation.KeyAlias);
        writer.WriteNumber("version", conversation.Version);
        writer.WriteNumber("message_count", conversation.MessageCount);
        writer.WriteNumber("key_rotations", conversation.KeyRotations);
        writer.WriteNumber("cached_tokens", conversation.CachedTokens);
        writer.WritePropertyName("metadata");
        if (conversation.MetadataJson is { } metadata)
        {
            writer.WriteRawValue(metadata, skipInputValidation: true);
        }
        else
        {
            writer.WriteNullValue();
        }

        if (messages is not null)
        {
            writer.WriteStartArray("messages");
            foreach (var message in messages)
            {
                writer.WriteRawValue(message.Json, skipInputValidation: true);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    public static void WriteMessagePage(Utf8JsonWriter writer, IReadOnlyList<StoredMessage> page, bool hasMore)
    {
        writer.WriteStartObject();
        writer.WriteString("object", "list");
        writer.WriteStartArray("data");
        foreach (var message in page)
        {
            writer.WriteStartObject();
            writer.WriteNumber("sequence", message.Sequence);
            writer.WriteNumber("created_at", message.CreatedAt.ToUnixTimeSeconds());
            writer.WritePropertyName("message");
            writer.WriteRawValue(message.Json, skipInputValidation: true);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteBoolean("has_more", hasMore);
        if (page.Count > 0)
        {
            writer.WriteNumber("last_sequence", page[^1].Sequence);
        }
        else
        {
            writer.WriteNull("last_sequence");
        }

        writer.WriteEndObject();
    }

    public static void WriteConversationList(Utf8JsonWriter writer, IReadOnlyList<StoredConversation> page, bool hasMore)
    {
        writer.WriteStartObject();
        writer.WriteString("object", "list");
        writer.WriteStartArray("data");
        foreach (var conversation in page)
        {
            WriteConversation(writer, conversation, messages: null);
        }

        writer.WriteEndArray();
        writer.WriteBoolean("has_more", hasMore);
        writer.WriteString("last_id", page.Count > 0 ? page[^1].Id : null);
        writer.WriteEndObject();
    }
}
