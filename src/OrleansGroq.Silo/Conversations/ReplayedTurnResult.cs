using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using OrleansGroq.Abstractions.Conversations;
using OrleansGroq.Silo.Http;

namespace OrleansGroq.Silo.Conversations;

/// <summary>
/// The stored answer of a turn whose <c>Idempotency-Key</c> comes again, written as the turn's request asked for it:
/// a <c>chat.completion</c>, or <c>chat.completion.chunk</c> events ending in <c>[DONE]</c>. The assistant message
/// is the stored one, byte for byte; the finish reason is derived from it (<c>tool_calls</c> when it calls tools,
/// else <c>stop</c>), and usage is left out, since nothing ran.
/// </summary>
internal sealed class ReplayedTurnResult(TurnContext context, StoredMessage reply, bool stream) : IResult
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.Headers[GatewayHeaders.Conversation] = context.ConversationId;
        response.Headers[GatewayHeaders.IdempotentReplay] = "true";
        using var message = JsonDocument.Parse(reply.Json);
        var finishReason = message.RootElement.TryGetProperty("tool_calls", out var calls) && calls.ValueKind == JsonValueKind.Array && calls.GetArrayLength() > 0
            ? "tool_calls"
            : "stop";
        var output = response.BodyWriter;
        if (!stream)
        {
            response.ContentType = "application/json";
            using var writer = new Utf8JsonWriter(output, WriterOptions);
            WriteEnvelope(writer, "chat.completion");
            writer.WriteStartObject();
            writer.WriteNumber("index", 0);
            writer.WritePropertyName("message");
            message.RootElement.WriteTo(writer);
            writer.WriteNull("logprobs");
            writer.WriteString("finish_reason", finishReason);
            EndEnvelope(writer);
            await writer.FlushAsync(httpContext.RequestAborted);
            return;
        }

        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        foreach (var last in (bool[])[false, true])
        {
            output.Write("data: "u8);
            using (var writer = new Utf8JsonWriter(output, WriterOptions))
            {
                WriteEnvelope(writer, "chat.completion.chunk");
                writer.WriteStartObject();
                writer.WriteNumber("index", 0);
                writer.WritePropertyName("delta");
                if (last)
                {
                    writer.WriteStartObject();
                    writer.WriteEndObject();
                }
                else
                {
                    WriteDelta(writer, message.RootElement);
                }

                writer.WriteNull("logprobs");
                if (last)
                {
                    writer.WriteString("finish_reason", finishReason);
                }
                else
                {
                    writer.WriteNull("finish_reason");
                }

                EndEnvelope(writer);
            }

            output.Write("\n\n"u8);
        }

        output.Write("data: [DONE]\n\n"u8);
        await output.FlushAsync(httpContext.RequestAborted);
    }

    private void WriteEnvelope(Utf8JsonWriter writer, string kind)
    {
        writer.WriteStartObject();
        writer.WriteString("id", string.Create(CultureInfo.InvariantCulture, $"chatcmpl-{context.ConversationId}-{reply.Sequence}"));
        writer.WriteString("object", kind);
        writer.WriteNumber("created", reply.CreatedAt.ToUnixTimeSeconds());
        writer.WriteString("model", context.Model);
        writer.WriteStartArray("choices");
    }

    private static void EndEnvelope(Utf8JsonWriter writer)
    {
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    // A streamed tool call carries its position as "index", which the stored message has no need of.
    private static void WriteDelta(Utf8JsonWriter writer, JsonElement message)
    {
        writer.WriteStartObject();
        foreach (var property in message.EnumerateObject())
        {
            if (property.NameEquals("tool_calls") && property.Value.ValueKind == JsonValueKind.Array)
            {
                writer.WriteStartArray("tool_calls");
                var index = 0;
                foreach (var call in property.Value.EnumerateArray())
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("index", index++);
                    foreach (var part in call.EnumerateObject())
                    {
                        part.WriteTo(writer);
                    }

                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }
            else
            {
                property.WriteTo(writer);
            }
        }

        writer.WriteEndObject();
    }
}
