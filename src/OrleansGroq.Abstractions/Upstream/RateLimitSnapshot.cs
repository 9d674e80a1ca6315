namespace OrleansGroq.Abstractions.Upstream;

/// <summary>
/// Groq's rate-limit headers from one response. Groq's request headers describe the per-day limit (RPD)
/// and its token headers the per-minute limit (TPM); a header that was absent or malformed is <see langword="null"/>.
/// </summary>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties), Immutable]
public sealed record RateLimitSnapshot
{
    /// <summary><c>x-ratelimit-limit-requests</c>: requests per day.</summary>
    public long? LimitRequests { get; init; }

    /// <summary><c>x-ratelimit-remaining-requests</c>: requests left today.</summary>
    public long? RemainingRequests { get; init; }

    /// <summary><c>x-ratelimit-reset-requests</c>: time until the request limit is full again.</summary>
    public TimeSpan? ResetRequests { get; init; }

    /// <summary><c>x-ratelimit-limit-tokens</c>: tokens per minute.</summary>
    public long? LimitTokens { get; init; }

    /// <summary><c>x-ratelimit-remaining-tokens</c>: tokens left in the current minute.</summary>
    public long? RemainingTokens { get; init; }

    /// <summary><c>x-ratelimit-reset-tokens</c>: time until the token limit is full again.</summary>
    public TimeSpan? ResetTokens { get; init; }

    /// <summary><c>retry-after</c>: how long to wait before the next request (sent on 429s).</summary>
    public TimeSpan? RetryAfter { get; init; }
}
