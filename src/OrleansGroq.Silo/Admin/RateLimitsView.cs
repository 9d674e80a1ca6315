namespace OrleansGroq.Silo.Admin;

/// <summary>Groq's rate-limit headers from one response; durations in seconds, absent headers null.</summary>
internal sealed record RateLimitsView(
    long? LimitRequests,
    long? RemainingRequests,
    double? ResetRequestsSeconds,
    long? LimitTokens,
    long? RemainingTokens,
    double? ResetTokensSeconds,
    double? RetryAfterSeconds,
    long? ReceivedAt);
