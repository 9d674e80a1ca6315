using System.Text.Json;
using OrleansGroq.Emulator.Completions;

namespace OrleansGroq.Emulator.Streaming;

/// <summary>Writes one <c>chat.completion.chunk</c> object in Groq's field order.</summary>
internal static class ChunkWriter
{
    public static void Write(Utf8JsonWriter writer, ChatResponse response, ChunkKind kind, ReadOnlySpan<byte> text)
    {
        Begin(writer, response);
        if (kind == ChunkKind.Usage)
        {
            writer.WriteEndArray();
            UsageWriter.Write(writer, "usage"u8, response.Usage);
            writer.WriteEndObject();
            return;
        }

        BeginChoice(writer);
        switch (kind)
        {
            case ChunkKind.Role:
                writer.WriteString("role"u8, "assistant"u8);
                writer.WriteString("content"u8, ""u8);
                break;
            case ChunkKind.Reasoning:
                writer.WriteString("reasoning"u8, text);
                break;
            case ChunkKind.Content:
                writer.WriteString("content"u8, text);
                break;
            case ChunkKind.ToolCall:
                ChatResponseWriter.WriteToolCalls(writer, response.Completion.ToolCall!, withIndex: true);
                break;
        }

        EndChoice(writer, kind == ChunkKind.Final ? response.Completion.FinishReason : null);
        if (kind == ChunkKind.Role)
        {
            writer.WriteStartObject("x_groq"u8);
            writer.WriteString("id"u8, response.RequestId);
            writer.WriteNumber("seed"u8, response.Seed);
            writer.WriteEndObject();
        }
        else if (kind == ChunkKind.Final)
        {
            writer.WriteStartObject("x_groq"u8);
            writer.WriteString("id"u8, response.RequestId);
            UsageWriter.Write(writer, "usage"u8, response.Usage);
            writer.WriteEndObject();
            UsageWriter.Write(writer, "usage"u8, response.Usage);
        }

        writer.WriteEndObject();
    }

    /// <summary>A content chunk from JSON-mode text.</summary>
    public static void WriteText(Utf8JsonWriter writer, ChatResponse response, ReadOnlySpan<char> text)
    {
        Begin(writer, response);
        BeginChoice(writer);
        writer.WriteString("content"u8, text);
        EndChoice(writer, null);
        writer.WriteEndObject();
    }

    private static void Begin(Utf8JsonWriter writer, ChatResponse response)
    {
        writer.WriteStartObject();
        writer.WriteString("id"u8, response.Id);
        writer.WriteString("object"u8, "chat.completion.chunk"u8);
        writer.WriteNumber("created"u8, response.Created);
        writer.WriteString("model"u8, response.Model.EncodedId);
        writer.WriteString("system_fingerprint"u8, response.Model.SystemFingerprint);
        writer.WriteStartArray("choices"u8);
    }

    private static void BeginChoice(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteNumber("index"u8, 0);
        writer.WriteStartObject("delta"u8);
    }

    private static void EndChoice(Utf8JsonWriter writer, string? finishReason)
    {
        writer.WriteEndObject();
        writer.WriteNull("logprobs"u8);
        if (finishReason is null)
        {
            writer.WriteNull("finish_reason"u8);
        }
        else
        {
            writer.WriteString("finish_reason"u8, finishReason);
        }

        writer.WriteEndObject();
        writer.WriteEndArray();
    }
}
