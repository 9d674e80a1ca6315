using System.Text.Json;

namespace OrleansGroq.Emulator.Completions;

/// <summary>Writes a non-streaming <c>chat.completion</c> exactly in the shape Groq sends.</summary>
internal static class ChatResponseWriter
{
    public static void Write(Utf8JsonWriter writer, ChatResponse response)
    {
        var completion = response.Completion;
        writer.WriteStartObject();
        writer.WriteString("id"u8, response.Id);
        writer.WriteString("object"u8, "chat.completion"u8);
        writer.WriteNumber("created"u8, response.Created);
        writer.WriteString("model"u8, response.Model.EncodedId);
        writer.WriteStartArray("choices"u8);
        writer.WriteStartObject();
        writer.WriteNumber("index"u8, 0);
        writer.WriteStartObject("message"u8);
        writer.WriteString("role"u8, "assistant"u8);
        if (completion.ToolCall is { } call)
        {
            WriteToolCalls(writer, call, withIndex: false);
        }
        else
        {
            ContentText.WriteContent(writer, completion);
        }

        if (completion.ShowsReasoning && completion.ReasoningFormat == ReasoningFormat.Parsed)
        {
            ContentText.WriteWords(writer, "reasoning"u8, completion.Reasoning);
        }

        writer.WriteEndObject();
        writer.WriteNull("logprobs"u8);
        writer.WriteString("finish_reason"u8, completion.FinishReason);
        writer.WriteEndObject();
        writer.WriteEndArray();
        UsageWriter.Write(writer, "usage"u8, response.Usage);
        writer.WriteNull("usage_breakdown"u8);
        writer.WriteString("system_fingerprint"u8, response.Model.SystemFingerprint);
        writer.WriteStartObject("x_groq"u8);
        writer.WriteString("id"u8, response.RequestId);
        writer.WriteNumber("seed"u8, response.Seed);
        writer.WriteEndObject();
        writer.WriteString("service_tier"u8, response.ServiceTier);
        writer.WriteEndObject();
    }

    public static void WriteToolCalls(Utf8JsonWriter writer, ToolCall call, bool withIndex)
    {
        writer.WriteStartArray("tool_calls"u8);
        writer.WriteStartObject();
        writer.WriteString("id"u8, call.Id);
        writer.WriteString("type"u8, "function"u8);
        writer.WriteStartObject("function"u8);
        writer.WriteString("name"u8, call.Name);
        writer.WriteString("arguments"u8, call.Arguments);
        writer.WriteEndObject();
        if (withIndex)
        {
            writer.WriteNumber("index"u8, 0);
        }

        writer.WriteEndObject();
        writer.WriteEndArray();
    }
}
