namespace OrleansGroq.Abstractions.Gateway;

/// <summary>Front-end limits, bound from the configuration section <c>Gateway</c>.</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary>Largest accepted request body; larger bodies get a 413 before anything goes upstream.</summary>
    public long MaxRequestBodyBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>
    /// Largest accepted audio upload (Groq's own limit is 100 MB). An upload is checked whole before it goes upstream,
    /// spooled to a temporary file beyond 64 KB, never held in memory.
    /// </summary>
    public long MaxAudioBodyBytes { get; set; } = 100 * 1024 * 1024;

    /// <summary>
    /// How long a request may wait in admission for the cluster's budget to refill before it is refused with a 429;
    /// a request can ask for another wait with <c>x-orleansgroq-max-wait-ms</c>.
    /// </summary>
    public TimeSpan DefaultMaxWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How many different accounts one request may try after rate-limit or invalid-key answers,
    /// so that a pool-wide outage costs a bounded number of upstream calls.
    /// </summary>
    public int MaxKeyAttempts { get; set; } = 3;
}
