namespace OrleansGroq.Abstractions.Batches;

/// <summary>The Files and Batch API, bound from the configuration section <c>Batches</c>.</summary>
public sealed class BatchesOptions
{
    public const string SectionName = "Batches";

    /// <summary>Who runs a batch; <see cref="BatchesMode.Groq"/> (pass-through) is the only mode so far.</summary>
    public BatchesMode Mode { get; set; } = BatchesMode.Groq;

    /// <summary>Largest accepted file upload, multipart framing included: Groq's own limit for a batch file is 100 MB.</summary>
    public long MaxFileBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>
    /// How long one Files or Batches call to Groq may take, an upload's transfer or a file's download to its first byte
    /// included. These calls are not retried (an upload cannot be replayed), so they get their own bound.
    /// </summary>
    public TimeSpan UpstreamTimeout { get; set; } = TimeSpan.FromMinutes(5);
}
