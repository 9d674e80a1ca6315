using System.Buffers;
using System.Text.Json;

namespace OrleansGroq.Silo.Batches;

/// <summary>Reads the few fields of Groq's file and batch objects the gateway acts on, and writes the tenant's lists.</summary>
public static class ObjectJson
{
    /// <summary>The purpose Groq gives a batch's output and error files.</summary>
    public const string OutputPurpose = "batch_output";

    private static readonly string[] ResultFileFields = ["output_file_id", "error_file_id"];

    /// <summary>The object's <c>id</c>, or null when the body is no object with a string id.</summary>
    public static string? IdOf(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;

    /// <summary>A batch's output and error files, those it has yet.</summary>
    public static IReadOnlyList<string> ResultFilesOf(JsonElement batch)
    {
        List<string> files = [];
        if (batch.ValueKind != JsonValueKind.Object)
        {
            return files;
        }

        foreach (var name in ResultFileFields)
        {
            if (batch.TryGetProperty(name, out var id) && id.ValueKind == JsonValueKind.String && id.GetString() is { Length: > 0 } value)
            {
                files.Add(value);
            }
        }

        return files;
    }

    /// <summary>The objects of a Groq list (<c>{"object":"list","data":[...]}</c>).</summary>
    public static IEnumerable<JsonElement> DataOf(JsonElement list) =>
        list.ValueKind == JsonValueKind.Object && list.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array
            ? data.EnumerateArray()
            : [];

    /// <summary>An object's <c>created_at</c> (unix seconds), 0 when it has none.</summary>
    public static long CreatedAtOf(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty("created_at", out var created) && created.TryGetInt64(out var seconds) ? seconds : 0;

    /// <summary>Writes Groq's file list shape: <c>{"object":"list","data":[...]}</c>.</summary>
    public static byte[] WriteFileList(IEnumerable<JsonElement> files)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("object", "list");
            WriteData(writer, files);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes Groq's batch list shape: <c>{"object":"list","data","first_id","last_id","has_more"}</c>.</summary>
    public static byte[] WriteBatchList(IReadOnlyList<JsonElement> batches, bool hasMore)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("object", "list");
            WriteData(writer, batches);
            writer.WriteString("first_id", batches.Count > 0 ? IdOf(batches[0]) : null);
            writer.WriteString("last_id", batches.Count > 0 ? IdOf(batches[^1]) : null);
            writer.WriteBoolean("has_more", hasMore);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteData(Utf8JsonWriter writer, IEnumerable<JsonElement> items)
    {
        writer.WriteStartArray("data");
        foreach (var item in items)
        {
            item.WriteTo(writer);
        }

        writer.WriteEndArray();
    }
}
