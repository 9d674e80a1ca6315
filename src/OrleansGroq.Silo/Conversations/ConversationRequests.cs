using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using OrleansGroq.Abstractions.Conversations;
using OrleansGroq.Grains.Chat;
using OrleansGroq.Silo.Errors;

namespace OrleansGroq.Silo.Conversations;

/// <summary>Reads the bodies of the conversation API; each refusal names the field.</summary>
internal static class ConversationRequests
{
    /// <summary>
    /// The fields of <c>POST /conversations/{id}/messages</c> that describe the message, not the completion, as
    /// <see cref="ConversationMessageReader"/> reads them.
    /// </summary>
    public static readonly IReadOnlySet<string> MessageFields = new HashSet<string>(StringComparer.Ordinal) { "role", "content", "tool_call_id", "name" };

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static OpenAiErrorResult? ReadCreate(JsonElement root, out string? model, out string? system, out string? metadataJson)
    {
        model = system = metadataJson = null;
        foreach (var property in root.EnumerateObject())
        {
            switch (property.Name)
            {
                case "model" when property.Value.ValueKind == JsonValueKind.String:
                    model = property.Value.GetString();
                    break;
                case "system" when property.Value.ValueKind == JsonValueKind.String:
                    system = property.Value.GetString();
                    break;
                case "metadata" when property.Value.ValueKind == JsonValueKind.Object:
                    metadataJson = property.Value.GetRawText();
                    break;
                case "model" or "system" or "metadata" when property.Value.ValueKind == JsonValueKind.Null:
                    break;
                case "model" or "system":
                    return TypeError(property.Name, "a string");
                case "metadata":
                    return TypeError(property.Name, "an object");
                default:
                    var name = EchoText.Truncate(property.Name);
                    return GatewayErrors.InvalidRequest($"Unrecognized request argument supplied: '{name}'.", name, "unknown_parameter");
            }
        }

        return null;
    }

    /// <summary>The message a turn's body carries, as it will be stored; the body passed <see cref="ConversationMessageReader"/>.</summary>
    public static NewMessage ReadMessage(JsonElement root, ConversationMessage fields)
    {
        var toolCallId = fields.Role == "tool" ? root.GetProperty("tool_call_id").GetString() : null;
        return Message(fields.Role, root.GetProperty("content"), toolCallId);
    }

    /// <summary>The messages of a chat completion body, as a turn appends them.</summary>
    public static IReadOnlyList<NewMessage> ReadChatMessages(JsonElement root) =>
        root.GetProperty("messages").EnumerateArray()
            .Select(m => new NewMessage(m.GetProperty("role").GetString()!, m.GetRawText(), TokenEstimate.ForMessage(m.GetRawText().Length)))
            .ToList();

    private static NewMessage Message(string role, JsonElement content, string? toolCallId)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("role", role);
            writer.WritePropertyName("content");
            content.WriteTo(writer);
            if (toolCallId is not null)
            {
                writer.WriteString("tool_call_id", toolCallId);
            }

            writer.WriteEndObject();
        }

        var characters = content.ValueKind == JsonValueKind.String ? content.GetString()!.Length : content.GetRawText().Length;
        return new NewMessage(role, System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan), TokenEstimate.ForMessage(characters));
    }

    private static OpenAiErrorResult TypeError(string param, string expected) =>
        GatewayErrors.InvalidRequest($"Invalid type for '{param}': expected {expected}.", param, "invalid_type");
}
