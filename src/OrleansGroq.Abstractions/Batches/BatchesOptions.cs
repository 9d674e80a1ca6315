namespace OrleansGroq.Abstractions.Batches;

/// <summary>The Files and Batch API, bound from the configuration section <c>Batches</c>.</summary>
public sealed class BatchesOptions
{
    public const string SectionName = "Batches";

    /// <summary>
    /// Who runs a batch: <see cref="BatchesMode.Groq"/> (pass-through) unless set; the gateway on its built-in emulator
    /// sets <see cref="BatchesMode.Cluster"/> when nothing else is configured.
    /// </summary>
    public BatchesMode Mode { get; set; } = BatchesMode.Groq;

    /// <summary>Cluster mode: how many lines of one batch run at once. Each holds a request slot of the silo running it.</summary>
    public int Parallelism { get; set; } = 8;

    /// <summary>
    /// Cluster mode: how often a running batch's reminder fires. A batch whose silo died goes on when the reminder
    /// fires on a survivor, or sooner when a call reaches it; Orleans accepts no period under a minute unless the host
    /// lowers its own minimum, which it does to this value.
    /// </summary>
    public TimeSpan ReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Largest accepted file upload, multipart framing included: Groq's own limit for a batch file is 100 MB.</summary>
    public long MaxFileBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>
    /// How long one Files or Batches call to Groq may take, an upload's transfer or a file's download to its first byte
    /// included. These calls are not retried (an upload cannot be replayed), so they get their own bound.
    /// </summary>
    public TimeSpan UpstreamTimeout { get; set; } = TimeSpan.FromMinutes(5);
}
