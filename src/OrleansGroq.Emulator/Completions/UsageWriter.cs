using System.Text.Json;

namespace OrleansGroq.Emulator.Completions;

/// <summary>Writes a usage object in Groq's field order.</summary>
internal static class UsageWriter
{
    public static void Write(Utf8JsonWriter writer, ReadOnlySpan<byte> name, in Usage usage)
    {
        writer.WriteStartObject(name);
        writer.WriteNumber("queue_time"u8, usage.QueueTime);
        writer.WriteNumber("prompt_tokens"u8, usage.PromptTokens);
        writer.WriteNumber("prompt_time"u8, usage.PromptTime);
        writer.WriteNumber("completion_tokens"u8, usage.CompletionTokens);
        writer.WriteNumber("completion_time"u8, usage.CompletionTime);
        writer.WriteNumber("total_tokens"u8, usage.TotalTokens);
        writer.WriteNumber("total_time"u8, usage.TotalTime);
        if (usage.CachedTokens is { } cached)
        {
            writer.WriteStartObject("prompt_tokens_details"u8);
            writer.WriteNumber("cached_tokens"u8, cached);
            writer.WriteEndObject();
        }

        if (usage.ReasoningTokens is { } reasoning)
        {
            writer.WriteStartObject("completion_tokens_details"u8);
            writer.WriteNumber("reasoning_tokens"u8, reasoning);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }
}
