using System.Globalization;
using System.Text.Json;

namespace OrleansGroq.Benchmarks.Batches;

/// <summary>
/// The batch's input file in Groq's format: one <c>{"custom_id","method":"POST","url":"/v1/chat/completions","body"}</c>
/// a line. Each prompt names its line, so no two lines are the same request and no cache can answer one for another.
/// </summary>
internal static class BatchInput
{
    public static string CustomId(int line) => "line-" + line.ToString("D6", CultureInfo.InvariantCulture);

    public static byte[] Create(int lines, string model)
    {
        using var buffer = new MemoryStream();
        for (var i = 0; i < lines; i++)
        {
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteString("custom_id", CustomId(i));
                writer.WriteString("method", "POST");
                writer.WriteString("url", "/v1/chat/completions");
                writer.WriteStartObject("body");
                writer.WriteString("model", model);
                writer.WriteNumber("max_tokens", 32);
                writer.WriteStartArray("messages");
                writer.WriteStartObject();
                writer.WriteString("role", "user");
                writer.WriteString("content", $"Batch line {i}: summarise why a batch should only take the quota interactive traffic leaves.");
                writer.WriteEndObject();
                writer.WriteEndArray();
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            buffer.WriteByte((byte)'\n');
        }

        return buffer.ToArray();
    }
}
