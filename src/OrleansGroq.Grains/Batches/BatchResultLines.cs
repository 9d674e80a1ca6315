using System.Buffers;
using System.Text.Json;

namespace OrleansGroq.Grains.Batches;

/// <summary>
/// The lines of a batch's output and error files in Groq's format (the emulator's Batches/README.md):
/// <c>{"id":"batch_req_…","custom_id","response":{"status_code","request_id","body"},"error":null}</c>, and for a line
/// the window closed on, <c>"response":null,"error":{"code":"batch_expired","message"}</c>.
/// </summary>
internal static class BatchResultLines
{
    public static byte[] Answered(string customId, BatchItemAnswer answer, TimeProvider time) => Line(writer =>
    {
        writer.WriteString("id", BatchIds.New("batch_req_", time));
        writer.WriteString("custom_id", customId);
        writer.WriteStartObject("response");
        writer.WriteNumber("status_code", answer.StatusCode);
        if (answer.RequestId is { } requestId)
        {
            writer.WriteString("request_id", requestId);
        }
        else
        {
            writer.WriteNull("request_id");
        }

        writer.WritePropertyName("body");
        WriteBody(writer, answer.Body);
        writer.WriteEndObject();
        writer.WriteNull("error");
    });

    public static byte[] Expired(string customId, TimeProvider time) => Line(writer =>
    {
        writer.WriteString("id", BatchIds.New("batch_req_", time));
        writer.WriteString("custom_id", customId);
        writer.WriteNull("response");
        writer.WriteStartObject("error");
        writer.WriteString("code", "batch_expired");
        writer.WriteString("message", "This request could not be executed before the completion window expired.");
        writer.WriteEndObject();
    });

    // The pipeline answers JSON on every route a line takes; anything else is kept as text rather than lost.
    private static void WriteBody(Utf8JsonWriter writer, byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            document.RootElement.WriteTo(writer);
        }
        catch (JsonException)
        {
            writer.WriteStringValue(System.Text.Encoding.UTF8.GetString(body));
        }
    }

    private static byte[] Line(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return [.. buffer.WrittenSpan, (byte)'\n'];
    }
}
