using System.Text.Json;

namespace OrleansGroq.Emulator.Batches;

/// <summary>Groq's batch object (OpenAI's shape, see README.md), written from a consistent reading of the job.</summary>
internal static class BatchJson
{
    public static void Write(Utf8JsonWriter writer, BatchJob job)
    {
        lock (job.Sync)
        {
            writer.WriteStartObject();
            writer.WriteString("id", job.Id);
            writer.WriteString("object", "batch");
            writer.WriteString("endpoint", job.Endpoint);
            WriteErrors(writer, job.Errors);
            writer.WriteString("input_file_id", job.InputFileId);
            writer.WriteString("completion_window", job.CompletionWindow);
            writer.WriteString("status", Name(job.Status));
            WriteOptional(writer, "output_file_id", job.OutputFileId);
            WriteOptional(writer, "error_file_id", job.ErrorFileId);
            writer.WriteNumber("created_at", job.CreatedAt.ToUnixTimeSeconds());
            WriteTime(writer, "in_progress_at", job.InProgressAt);
            writer.WriteNumber("expires_at", job.ExpiresAt.ToUnixTimeSeconds());
            WriteTime(writer, "finalizing_at", job.FinalizingAt);
            WriteTime(writer, "completed_at", job.CompletedAt);
            WriteTime(writer, "failed_at", job.FailedAt);
            WriteTime(writer, "expired_at", job.ExpiredAt);
            WriteTime(writer, "cancelling_at", job.CancellingAt);
            WriteTime(writer, "cancelled_at", job.CancelledAt);
            writer.WriteStartObject("request_counts");
            writer.WriteNumber("total", job.Total);
            writer.WriteNumber("completed", job.Completed);
            writer.WriteNumber("failed", job.Failed);
            writer.WriteEndObject();
            WriteMetadata(writer, job.Metadata);
            writer.WriteEndObject();
        }
    }

    public static void WriteList(Utf8JsonWriter writer, (IReadOnlyList<BatchJob> Page, bool HasMore) list)
    {
        writer.WriteStartObject();
        writer.WriteString("object", "list");
        writer.WriteStartArray("data");
        foreach (var job in list.Page)
        {
            Write(writer, job);
        }

        writer.WriteEndArray();
        WriteOptional(writer, "first_id", list.Page.Count > 0 ? list.Page[0].Id : null);
        WriteOptional(writer, "last_id", list.Page.Count > 0 ? list.Page[^1].Id : null);
        writer.WriteBoolean("has_more", list.HasMore);
        writer.WriteEndObject();
    }

    public static string Name(BatchStatus status) => status switch
    {
        BatchStatus.Validating => "validating",
        BatchStatus.Failed => "failed",
        BatchStatus.InProgress => "in_progress",
        BatchStatus.Finalizing => "finalizing",
        BatchStatus.Completed => "completed",
        BatchStatus.Expired => "expired",
        BatchStatus.Cancelling => "cancelling",
        _ => "cancelled",
    };

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

    private static void WriteMetadata(Utf8JsonWriter writer, IReadOnlyDictionary<string, string>? metadata)
    {
        if (metadata is null)
        {
            writer.WriteNull("metadata");
            return;
        }

        writer.WriteStartObject("metadata");
        foreach (var (key, value) in metadata)
        {
            writer.WriteString(key, value);
        }

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
}
