using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using OrleansGroq.Abstractions.Conversations;
using OrleansGroq.Grains.Chat;
using OrleansGroq.Silo.Errors;

namespace OrleansGroq.Silo.Conversations;

/// <summary>Validates the bodies of the conversation API; each refusal names the field.</summary>
internal static class ConversationRequests
{
    /// <summary>The fields of <c>POST /conversations/{id}/messages</c> that describe the message, not the completion.</summary>
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
                    return GatewayErrors.InvalidRequest($"Unrecognized request argument supplied: '{property.Name}'.", property.Name, "unknown_parameter");
            }
        }

        return null;
    }

    public static OpenAiErrorResult? ReadMessage(JsonElement root, out NewMessage message, out bool stream, out int? maxTokens)
    {
        message = null!;
        stream = root.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;
        maxTokens = root.TryGetProperty("max_tokens", out var m) && m.TryGetInt32(out var value) ? value : null;
        if (root.TryGetProperty("stream", out s) && s.ValueKind is not (JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null))
        {
            return TypeError("stream", "a boolean");
        }

        if (root.TryGetProperty("max_tokens", out m) && m.ValueKind != JsonValueKind.Null && maxTokens is not > 0)
        {
            return TypeError("max_tokens", "a positive integer");
        }

        var role = root.TryGetProperty("role", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : "user";
        if (role is not ("user" or "tool"))
        {
            return GatewayErrors.InvalidRequest("Invalid value for 'role': a conversation takes 'user' messages and 'tool' results.", "role", "invalid_value");
        }

        if (!root.TryGetProperty("content", out var content) || content.ValueKind == JsonValueKind.Null
            || (content.ValueKind == JsonValueKind.String && content.GetString()!.Length == 0)
            || (content.ValueKind == JsonValueKind.Array && content.GetArrayLength() == 0))
        {
            return GatewayErrors.InvalidRequest("'content' is required and must not be empty.", "content", "missing_required_parameter");
        }

        if (content.ValueKind is not (JsonValueKind.String or JsonValueKind.Array))
        {
            return TypeError("content", "a string or an array of content parts");
        }

        string? toolCallId = null;
        if (role == "tool" && !(root.TryGetProperty("tool_call_id", out var id) && id.ValueKind == JsonValueKind.String && (toolCallId = id.GetString()) is { Length: > 0 }))
        {
            return GatewayErrors.InvalidRequest("A 'tool' message needs the 'tool_call_id' it answers.", "tool_call_id", "missing_required_parameter");
        }

        message = Message(role, content, toolCallId);
        return null;
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
