namespace OrleansGroq.Abstractions.Upstream;

/// <summary>What one upstream attempt returned, as far as key health and quota are concerned.</summary>
/// <param name="StatusCode">The HTTP status code.</param>
/// <param name="RateLimits">The rate-limit headers, or <see langword="null"/> when the response had none.</param>
/// <param name="Error">The parsed error body, or <see langword="null"/> on success or an unreadable body.</param>
/// <param name="Model">The model the request asked for: Groq's rate limits are per model, and so are the cooldowns they cause.</param>
[GenerateSerializer, Immutable]
public sealed record UpstreamOutcome(int StatusCode, RateLimitSnapshot? RateLimits = null, UpstreamError? Error = null, string? Model = null);
