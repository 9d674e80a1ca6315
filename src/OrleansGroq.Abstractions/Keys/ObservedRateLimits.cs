using OrleansGroq.Abstractions.Upstream;

namespace OrleansGroq.Abstractions.Keys;

/// <summary>The rate-limit headers of the latest response for a key that carried them, and when it arrived.</summary>
/// <param name="Limits">The headers.</param>
/// <param name="ReceivedAt">When the response arrived.</param>
public sealed record ObservedRateLimits(RateLimitSnapshot Limits, DateTimeOffset ReceivedAt);
