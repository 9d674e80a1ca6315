using System.Text.Json;
using OrleansGroq.Abstractions.Conversations;
using OrleansGroq.Silo.Http;

namespace OrleansGroq.Silo.Conversations;

/// <summary>
/// The chat completion body for a turn: the model, the stored history (system prompt first, so Groq's
/// prompt cache sees the same prefix every turn) followed by the new messages, then the client's other
/// fields (tools, response_format, stream, ...) copied as raw JSON.
/// </summary>
internal static class ConversationBody
{
    /// <summary>Writes the body into a pooled buffer, which the caller disposes.</summary>
    public static PooledBody Build(
        JsonElement request, IReadOnlySet<string> ownFields, string model, IReadOnlyList<StoredMessage> history, IReadOnlyList<NewMessage> messages)
    {
        var buffer = new PooledBody(1024 + history.Sum(m => m.Json.Length) + messages.Sum(m => m.Json.Length));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("model", model);
            writer.WriteStartArray("messages");
            foreach (var message in history)
            {
                writer.WriteRawValue(message.Json, skipInputValidation: true);
            }

            foreach (var message in messages)
            {
                writer.WriteRawValue(message.Json, skipInputValidation: true);
            }

            writer.WriteEndArray();
            foreach (var property in request.EnumerateObject())
            {
                if (!ownFields.Contains(property.Name) && property.Name is not ("model" or "messages"))
                {
                    property.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        return buffer;
    }
}
