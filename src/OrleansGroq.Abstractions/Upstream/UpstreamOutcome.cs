namespace OrleansGroq.Abstractions.Upstream;

/// <summary>What one upstream attempt returned, as far as key health and quota are concerned.</summary>
/// <param name="StatusCode">The HTTP status code.</param>
/// <param name="RateLimits">The rate-limit headers, or <see langword="null"/> when the response had none.</param>
/// <param name="Error">The parsed error body, or <see langword="null"/> on success or an unreadable body.</param>
public sealed record UpstreamOutcome(int StatusCode, RateLimitSnapshot? RateLimits = null, UpstreamError? Error = null);
