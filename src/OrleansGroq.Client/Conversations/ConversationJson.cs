using System.Text.Json;
using Microsoft.Extensions.AI;

namespace OrleansGroq.Client.Conversations;

/// <summary>The conversation API's JSON (snake_case, OpenAI style); stored messages are OpenAI chat messages.</summary>
internal static class ConversationJson
{
    public static byte[] WriteCreate(ConversationCreateOptions? options)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (options?.Model is { } model)
            {
                writer.WriteString("model", model);
            }

            if (options?.SystemPrompt is { } system)
            {
                writer.WriteString("system", system);
            }

            if (options?.Metadata is { } metadata)
            {
                writer.WriteStartObject("metadata");
                foreach (var (name, value) in metadata)
                {
                    writer.WriteString(name, value);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public static GatewayConversation ReadConversation(JsonElement json) => new(
        json.GetProperty("id").GetString()!,
        json.GetProperty("model").GetString()!,
        DateTimeOffset.FromUnixTimeSeconds(json.GetProperty("created_at").GetInt64()),
        json.TryGetProperty("key", out var key) ? key.GetString() : null,
        json.GetProperty("version").GetInt64(),
        json.GetProperty("message_count").GetInt32(),
        json.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object ? metadata.Clone() : null,
        json.TryGetProperty("messages", out var messages) ? [.. messages.EnumerateArray().Select(ReadMessage)] : []);

    public static ConversationPage ReadPage(JsonElement json) => new(
        [.. json.GetProperty("data").EnumerateArray().Select(ReadConversation)],
        json.GetProperty("has_more").GetBoolean(),
        json.TryGetProperty("last_id", out var last) ? last.GetString() : null);

    /// <summary>A stored chat message: its text (a string or text parts), its tool calls, or the tool result it is.</summary>
    private static ChatMessage ReadMessage(JsonElement json)
    {
        var role = new ChatRole(json.GetProperty("role").GetString()!);
        var text = json.TryGetProperty("content", out var content) ? Text(content) : null;
        var message = new ChatMessage(role, []) { RawRepresentation = json.Clone() };
        if (role == ChatRole.Tool)
        {
            message.Contents.Add(new FunctionResultContent(json.GetProperty("tool_call_id").GetString()!, text));
            return message;
        }

        if (!string.IsNullOrEmpty(text))
        {
            message.Contents.Add(new TextContent(text));
        }

        if (json.TryGetProperty("tool_calls", out var calls) && calls.ValueKind == JsonValueKind.Array)
        {
            foreach (var call in calls.EnumerateArray())
            {
                var function = call.GetProperty("function");
                message.Contents.Add(FunctionCallContent.CreateFromParsedArguments(
                    function.GetProperty("arguments").GetString() ?? "{}",
                    call.GetProperty("id").GetString()!,
                    function.GetProperty("name").GetString()!,
                    static arguments => JsonSerializer.Deserialize(arguments, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(IDictionary<string, object?>))) as IDictionary<string, object?>));
            }
        }

        return message;
    }

    private static string? Text(JsonElement content) => content.ValueKind switch
    {
        JsonValueKind.String => content.GetString(),
        JsonValueKind.Array => string.Concat(content.EnumerateArray()
            .Where(part => part.TryGetProperty("type", out var type) && type.GetString() == "text")
            .Select(part => part.GetProperty("text").GetString())),
        _ => null,
    };
}
