using System.Text.Json;

namespace OrleansGroq.Client;

/// <summary>
/// Batches through the gateway: upload a JSONL file of chat requests, run it as a batch, wait for it, read its output.
/// Errors are <see cref="OrleansGroqException"/>s; another tenant's file or batch is as missing as one never made.
/// </summary>
public interface IBatchClient
{
    /// <summary>Uploads a batch input: one <c>{"custom_id","method":"POST","url":"/v1/chat/completions","body"}</c> per line.</summary>
    /// <returns>The file's id.</returns>
    Task<string> UploadAsync(Stream jsonl, string fileName = "batch.jsonl", CancellationToken cancellationToken = default);

    /// <summary>Runs the chat requests of an uploaded file as a batch, to finish within <paramref name="completionWindow"/> (<c>24h</c> to <c>7d</c>).</summary>
    Task<GatewayBatch> CreateAsync(string inputFileId, string completionWindow = "24h", CancellationToken cancellationToken = default);

    /// <summary>The batch as it stands.</summary>
    Task<GatewayBatch> GetAsync(string batchId, CancellationToken cancellationToken = default);

    /// <summary>Reads the batch every <paramref name="pollInterval"/> until it has finished (completed, failed, expired or cancelled).</summary>
    Task<GatewayBatch> WaitAsync(string batchId, TimeSpan pollInterval, CancellationToken cancellationToken = default);

    /// <summary>Cancels the batch: what already ran is kept, the rest never starts.</summary>
    Task<GatewayBatch> CancelAsync(string batchId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The lines of a file, e.g. a batch's output (<c>{"id","custom_id","response":{"status_code","body"},"error"}</c>)
    /// or error file, read as they arrive. Lines come in the order they finished: match them by <c>custom_id</c>.
    /// </summary>
    IAsyncEnumerable<JsonElement> ReadLinesAsync(string fileId, CancellationToken cancellationToken = default);
}
