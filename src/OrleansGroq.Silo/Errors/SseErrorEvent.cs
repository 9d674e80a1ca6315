using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace OrleansGroq.Silo.Errors;

/// <summary>
/// An error that ends an SSE stream whose <c>200</c> is already sent, the way Groq ends one: <c>event: error</c>, then
/// the error in OpenAI's shape with the status the request would have had as <c>status_code</c>. The OpenAI and Groq
/// SDKs raise it as an API error carrying that message and code, where a bare end of stream would look like success.
/// </summary>
public sealed class SseErrorEvent
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly byte[] _bytes;

    public SseErrorEvent(int statusCode, string message, string type, string code)
    {
        StatusCode = statusCode;
        Code = code;
        var buffer = new ArrayBufferWriter<byte>(256);
        buffer.Write("event: error\ndata: "u8);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("error");
            writer.WriteString("message", message);
            writer.WriteString("type", type);
            writer.WriteNull("param");
            writer.WriteString("code", code);
            writer.WriteNumber("status_code", statusCode);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        buffer.Write("\n\n"u8);
        _bytes = buffer.WrittenSpan.ToArray();
    }

    public int StatusCode { get; }

    public string Code { get; }

    /// <summary>The whole event, from <c>event: error</c> to the blank line that dispatches it.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;
}
