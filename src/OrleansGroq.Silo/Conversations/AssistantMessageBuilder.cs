using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace OrleansGroq.Silo.Conversations;

/// <summary>
/// Collects an assistant message (content and tool calls, from a whole message or from stream deltas) and
/// writes it as the history keeps it: <c>{"role":"assistant","content":...,"tool_calls":[...]}</c>. Reasoning
/// text is left out: it is the model's scratchpad, not part of the dialogue sent back on later turns.
/// </summary>
internal sealed class AssistantMessageBuilder
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly StringBuilder _content = new();
    private readonly SortedDictionary<int, ToolCallParts> _toolCalls = [];
    private bool _hasContent;

    public int CompletionTokens { get; set; }

    public long CachedTokens { get; set; }

    public void AppendContent(string? text)
    {
        if (text is not null)
        {
            _hasContent = true;
            _content.Append(text);
        }
    }

    /// <summary>Merges one tool call or a fragment of one; fragments of a call share its index. Anything but an object is passed over.</summary>
    public void AppendToolCall(JsonElement call, int fallbackIndex)
    {
        if (call.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var index = call.TryGetProperty("index", out var i) && i.ValueKind == JsonValueKind.Number && i.TryGetInt32(out var value) ? value : fallbackIndex;
        if (!_toolCalls.TryGetValue(index, out var parts))
        {
            _toolCalls[index] = parts = new ToolCallParts();
        }

        parts.Id ??= String(call, "id");
        parts.Type ??= String(call, "type");
        if (call.TryGetProperty("function", out var function) && function.ValueKind == JsonValueKind.Object)
        {
            parts.Name ??= String(function, "name");
            parts.Arguments.Append(String(function, "arguments"));
        }
    }

    public void ReadUsage(JsonElement usage)
    {
        if (usage.TryGetProperty("completion_tokens", out var completion) && completion.ValueKind == JsonValueKind.Number && completion.TryGetInt32(out var tokens))
        {
            CompletionTokens = tokens;
        }

        if (usage.TryGetProperty("prompt_tokens_details", out var details) && details.ValueKind == JsonValueKind.Object
            && details.TryGetProperty("cached_tokens", out var cached) && cached.ValueKind == JsonValueKind.Number && cached.TryGetInt64(out var cachedTokens))
        {
            CachedTokens = cachedTokens;
        }
    }

    public AssistantReply Build()
    {
        var buffer = new ArrayBufferWriter<byte>(256 + (_content.Length * 2));
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("role", "assistant");
            writer.WriteString("content", _hasContent || _toolCalls.Count == 0 ? _content.ToString() : null);
            if (_toolCalls.Count > 0)
            {
                writer.WriteStartArray("tool_calls");
                foreach (var call in _toolCalls.Values)
                {
                    writer.WriteStartObject();
                    writer.WriteString("id", call.Id);
                    writer.WriteString("type", call.Type ?? "function");
                    writer.WriteStartObject("function");
                    writer.WriteString("name", call.Name);
                    writer.WriteString("arguments", call.Arguments.ToString());
                    writer.WriteEndObject();
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        return new AssistantReply(Encoding.UTF8.GetString(buffer.WrittenSpan), CompletionTokens, CachedTokens);
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private sealed class ToolCallParts
    {
        public string? Id { get; set; }

        public string? Type { get; set; }

        public string? Name { get; set; }

        public StringBuilder Arguments { get; } = new();
    }
}
