namespace OrleansGroq.Client;

/// <summary>A batch as Groq reports it through the gateway.</summary>
/// <param name="Id">Its id, <c>batch_...</c>.</param>
/// <param name="Status"><c>validating</c>, <c>in_progress</c>, <c>finalizing</c>, <c>completed</c>, <c>failed</c>, <c>expired</c>, <c>cancelling</c> or <c>cancelled</c>.</param>
/// <param name="InputFileId">The file of requests it runs.</param>
/// <param name="OutputFileId">The file of the requests that succeeded, once there is one.</param>
/// <param name="ErrorFileId">The file of the requests that failed, once there is one.</param>
/// <param name="Total">Requests in the batch.</param>
/// <param name="Completed">Requests that succeeded so far.</param>
/// <param name="Failed">Requests that failed so far.</param>
public sealed record GatewayBatch(string Id, string Status, string InputFileId, string? OutputFileId, string? ErrorFileId, int Total, int Completed, int Failed)
{
    /// <summary>Whether the batch has finished: nothing about it changes any more.</summary>
    public bool IsFinished => Status is "completed" or "failed" or "expired" or "cancelled";
}
