using System.Text.Json;

namespace OrleansGroq.Silo.Conversations;

/// <summary>
/// Rebuilds the assistant message from a chat completion stream as it is relayed: splits the bytes into SSE
/// lines (a line may span reads), and folds each chunk's delta and usage into an <see cref="AssistantMessageBuilder"/>.
/// </summary>
internal sealed class SseAssistantAccumulator : Http.SseLineObserver
{
    private readonly AssistantMessageBuilder _builder = new();
    private bool _malformed;

    /// <summary>Groq's usage from the closing chunks, for settling the turn's budget reservation.</summary>
    public Grains.Upstream.UsageCounts? Usage { get; private set; }

    /// <summary>The reply, or null when a chunk could not be read: a garbled answer is not kept as history.</summary>
    public AssistantReply? Build() => _malformed ? null : _builder.Build();

    protected override void OnData(ReadOnlySpan<byte> json)
    {
        JsonDocument chunk;
        try
        {
            var reader = new Utf8JsonReader(json);
            chunk = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException)
        {
            _malformed = true;
            return;
        }

        if (Grains.Upstream.UsageReader.TryRead(json, out var counts))
        {
            Usage = counts;
        }

        using (chunk)
        {
            var root = chunk.RootElement;
            if (root.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0
                && choices[0].TryGetProperty("delta", out var delta))
            {
                if (delta.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String)
                {
                    _builder.AppendContent(content.GetString());
                }

                if (delta.TryGetProperty("tool_calls", out var calls) && calls.ValueKind == JsonValueKind.Array)
                {
                    var index = 0;
                    foreach (var call in calls.EnumerateArray())
                    {
                        _builder.AppendToolCall(call, index++);
                    }
                }
            }

            if (root.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object)
            {
                _builder.ReadUsage(usage);
            }
            else if (root.TryGetProperty("x_groq", out var groq) && groq.TryGetProperty("usage", out var groqUsage) && groqUsage.ValueKind == JsonValueKind.Object)
            {
                _builder.ReadUsage(groqUsage);
            }
        }
    }
}
