namespace OrleansGroq.Abstractions.Gateway;

/// <summary>The upstream provider and its resilience settings, bound from <c>Upstream</c>.</summary>
public sealed class UpstreamOptions
{
    public const string SectionName = "Upstream";

    private Uri _baseUrl = new("https://api.groq.com/openai/v1/");

    /// <summary>Groq's API root (or a stand-in's); a missing trailing slash is added, see <see cref="ApiRoot"/>.</summary>
    public Uri BaseUrl { get => _baseUrl; set => _baseUrl = ApiRoot.WithTrailingSlash(value); }

    /// <summary>The latency SLA: one attempt that takes longer is cancelled.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one transcription may take, upload included; it is not retried, so it gets its own bound.</summary>
    public TimeSpan TranscriptionTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Retries on the same key after a network error, timeout or 5xx.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>First backoff delay; each retry doubles it, with jitter (1 s, 2 s, 4 s by default).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    public double BreakerFailureRatio { get; set; } = 0.5;

    public int BreakerMinimumThroughput { get; set; } = 20;

    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan BreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Whether each key is checked once against the upstream's <c>GET /models</c> as the gateway starts.</summary>
    public bool CheckKeysAtStart { get; set; } = true;
}
