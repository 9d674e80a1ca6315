using System.Buffers;
using System.Text.Json;
using OrleansGroq.Abstractions.Batches;

namespace OrleansGroq.Silo.Batches.Cluster;

/// <summary>Groq's file and batch objects (the emulator's Batches/README.md), written from cluster mode's own records.</summary>
internal static class ClusterJson
{
    public static IResult File(BatchFile file) => Json(writer => WriteFile(writer, file));

    public static IResult FileList(IEnumerable<BatchFile> files) => Json(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("object", "list");
        writer.WriteStartArray("data");
        foreach (var file in files)
        {
            WriteFile(writer, file);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    public static IResult FileDeleted(string id) => Json(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("id", id);
        writer.WriteString("object", "file");
        writer.WriteBoolean("deleted", true);
        writer.WriteEndObject();
    });

    public static IResult Batch(BatchView batch) => Json(writer => WriteBatch(writer, batch));

    public static IResult BatchList(IReadOnlyList<BatchView> batches, bool hasMore) => Json(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("object", "list");
        writer.WriteStartArray("data");
        foreach (var batch in batches)
        {
            WriteBatch(writer, batch);
        }

        writer.WriteEndArray();
        WriteOptional(writer, "first_id", batches.Count > 0 ? batches[0].Id : null);
        WriteOptional(writer, "last_id", batches.Count > 0 ? batches[^1].Id : null);
        writer.WriteBoolean("has_more", hasMore);
        writer.WriteEndObject();
    });

    public static string Name(BatchStatus status) => status switch
    {
        BatchStatus.Validating => "validating",
        BatchStatus.InProgress => "in_progress",
        BatchStatus.Finalizing => "finalizing",
        BatchStatus.Completed => "completed",
        BatchStatus.Failed => "failed",
        BatchStatus.Expired => "expired",
        BatchStatus.Cancelling => "cancelling",
        _ => "cancelled",
    };

    private static void WriteFile(Utf8JsonWriter writer, BatchFile file)
    {
        writer.WriteStartObject();
        writer.WriteString("id", file.Id);
        writer.WriteString("object", "file");
        writer.WriteNumber("bytes", file.Bytes);
        writer.WriteNumber("created_at", file.CreatedAt.ToUnixTimeSeconds());
        writer.WriteString("filename", file.Filename);
        writer.WriteString("purpose", file.Purpose);
        writer.WriteEndObject();
    }

    private static void WriteBatch(Utf8JsonWriter writer, BatchView batch)
    {
        writer.WriteStartObject();
        writer.WriteString("id", batch.Id);
        writer.WriteString("object", "batch");
        writer.WriteString("endpoint", batch.Spec.Endpoint);
        WriteErrors(writer, batch.Errors);
        writer.WriteString("input_file_id", batch.Spec.InputFileId);
        writer.WriteString("completion_window", batch.Spec.CompletionWindow);
        writer.WriteString("status", Name(batch.Status));
        WriteOptional(writer, "output_file_id", batch.OutputFileId);
        WriteOptional(writer, "error_file_id", batch.ErrorFileId);
        writer.WriteNumber("created_at", batch.Spec.CreatedAt.ToUnixTimeSeconds());
        WriteTime(writer, "in_progress_at", batch.InProgressAt);
        writer.WriteNumber("expires_at", batch.Spec.ExpiresAt.ToUnixTimeSeconds());
        WriteTime(writer, "finalizing_at", batch.FinalizingAt);
        WriteTime(writer, "completed_at", batch.CompletedAt);
        WriteTime(writer, "failed_at", batch.FailedAt);
        WriteTime(writer, "expired_at", batch.ExpiredAt);
        WriteTime(writer, "cancelling_at", batch.CancellingAt);
        WriteTime(writer, "cancelled_at", batch.CancelledAt);
        writer.WriteStartObject("request_counts");
        writer.WriteNumber("total", batch.Total);
        writer.WriteNumber("completed", batch.Completed);
        writer.WriteNumber("failed", batch.Failed);
        writer.WriteEndObject();
        if (batch.Spec.Metadata is { } metadata)
        {
            writer.WriteStartObject("metadata");
            foreach (var (key, value) in metadata)
            {
                writer.WriteString(key, value);
            }

            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("metadata");
        }

        writer.WriteEndObject();
    }

    private static void WriteErrors(Utf8JsonWriter writer, IReadOnlyList<BatchLineError>? errors)
    {
        if (errors is null)
        {
            writer.WriteNull("errors");
            return;
        }

        writer.WriteStartObject("errors");
        writer.WriteString("object", "list");
        writer.WriteStartArray("data");
        foreach (var error in errors)
        {
            writer.WriteStartObject();
            writer.WriteString("code", error.Code);
            writer.WriteString("message", error.Message);
            WriteOptional(writer, "param", error.Param);
            writer.WriteNumber("line", error.Line);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteTime(Utf8JsonWriter writer, string name, DateTimeOffset? value)
    {
        if (value is { } time)
        {
            writer.WriteNumber(name, time.ToUnixTimeSeconds());
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static IResult Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return Results.Bytes(buffer.WrittenSpan.ToArray(), "application/json");
    }
}
