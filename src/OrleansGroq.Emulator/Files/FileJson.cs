using System.Text.Json;

namespace OrleansGroq.Emulator.Files;

/// <summary>Groq's file object: <c>{"id","object":"file","bytes","created_at","filename","purpose"}</c>.</summary>
internal static class FileJson
{
    public static void Write(Utf8JsonWriter writer, StoredFile file)
    {
        writer.WriteStartObject();
        writer.WriteString("id", file.Id);
        writer.WriteString("object", "file");
        writer.WriteNumber("bytes", file.Content.Length);
        writer.WriteNumber("created_at", file.CreatedAt.ToUnixTimeSeconds());
        writer.WriteString("filename", file.Filename);
        writer.WriteString("purpose", file.Purpose);
        writer.WriteEndObject();
    }

    public static void WriteList(Utf8JsonWriter writer, IReadOnlyList<StoredFile> files)
    {
        writer.WriteStartObject();
        writer.WriteString("object", "list");
        writer.WriteStartArray("data");
        foreach (var file in files)
        {
            Write(writer, file);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static void WriteDeleted(Utf8JsonWriter writer, string id)
    {
        writer.WriteStartObject();
        writer.WriteString("id", id);
        writer.WriteString("object", "file");
        writer.WriteBoolean("deleted", true);
        writer.WriteEndObject();
    }
}
