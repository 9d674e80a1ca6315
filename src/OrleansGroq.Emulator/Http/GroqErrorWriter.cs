using System.Text.Json;

namespace OrleansGroq.Emulator.Http;

/// <summary>Writes <see cref="GroqError"/> bodies, as a response or as an SSE <c>event: error</c>.</summary>
internal static class GroqErrorWriter
{
    public static Task SendAsync(HttpResponse response, GroqError error) =>
        JsonResponse.SendAsync(response, error.Status, error, static (writer, e) => Write(writer, e, includeStatus: false));

    public static void Write(Utf8JsonWriter writer, GroqError error, bool includeStatus)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("error"u8);
        writer.WriteString("message"u8, error.Message);
        writer.WriteString("type"u8, error.Type);
        if (error.Code is not null)
        {
            writer.WriteString("code"u8, error.Code);
        }

        if (error.Param is not null)
        {
            writer.WriteString("param"u8, error.Param);
        }

        if (error.FailedGeneration is not null)
        {
            writer.WriteString("failed_generation"u8, error.FailedGeneration);
        }

        if (includeStatus)
        {
            writer.WriteNumber("status_code"u8, error.Status);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
