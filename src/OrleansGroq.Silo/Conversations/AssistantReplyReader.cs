using System.Text.Json;

namespace OrleansGroq.Silo.Conversations;

/// <summary>Reads the assistant message and usage out of a non-stream chat completion body.</summary>
internal static class AssistantReplyReader
{
    public static AssistantReply? Read(ReadOnlySpan<byte> completion)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(completion);
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException)
        {
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (!root.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array || choices.GetArrayLength() == 0
                || !choices[0].TryGetProperty("message", out var message))
            {
                return null;
            }

            var builder = new AssistantMessageBuilder();
            if (message.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String)
            {
                builder.AppendContent(content.GetString());
            }

            if (message.TryGetProperty("tool_calls", out var calls) && calls.ValueKind == JsonValueKind.Array)
            {
                var index = 0;
                foreach (var call in calls.EnumerateArray())
                {
                    builder.AppendToolCall(call, index++);
                }
            }

            if (root.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object)
            {
                builder.ReadUsage(usage);
            }

            return builder.Build();
        }
    }
}
