using System.Text.Json;

namespace OrleansGroq.Silo.Conversations;

/// <summary>
/// Rebuilds the assistant message from a chat completion stream as it is relayed: folds each chunk's delta, finish
/// reason and usage into an <see cref="AssistantMessageBuilder"/>.
/// </summary>
internal sealed class SseAssistantAccumulator : Http.ISseObserver
{
    private readonly AssistantMessageBuilder _builder = new();
    private bool _finished;

    /// <summary>Groq's usage from the closing chunks, for settling the turn's budget reservation.</summary>
    public Grains.Upstream.UsageCounts? Usage { get; private set; }

    /// <summary>The reply, or null when no chunk gave a <c>finish_reason</c>: an answer cut short is not kept as history.</summary>
    public AssistantReply? Build() => _finished ? _builder.Build() : null;

    public void OnData(ReadOnlySpan<byte> json)
    {
        if (Grains.Upstream.UsageReader.TryRead(json, out var counts))
        {
            Usage = counts;
        }

        // The relay passes on only chunks it has checked to be JSON objects.
        var reader = new Utf8JsonReader(json);
        using var chunk = JsonDocument.ParseValue(ref reader);
        var root = chunk.RootElement;
        if (root.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0)
        {
            var choice = choices[0];
            if (choice.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            if (choice.TryGetProperty("delta", out var delta) && delta.ValueKind == JsonValueKind.Object)
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

            _finished |= choice.TryGetProperty("finish_reason", out var finish) && finish.ValueKind == JsonValueKind.String;
        }

        if (root.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object)
        {
            _builder.ReadUsage(usage);
        }
        else if (root.TryGetProperty("x_groq", out var groq) && groq.ValueKind == JsonValueKind.Object && groq.TryGetProperty("usage", out var groqUsage) && groqUsage.ValueKind == JsonValueKind.Object)
        {
            _builder.ReadUsage(groqUsage);
        }
    }
}
