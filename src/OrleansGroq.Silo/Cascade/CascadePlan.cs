using OrleansGroq.Abstractions.Routing;
using OrleansGroq.Grains.Chat;
using OrleansGroq.Grains.Upstream;
using OrleansGroq.Silo.Http;
using OrleansGroq.Silo.Telemetry;

namespace OrleansGroq.Silo.Cascade;

/// <summary>
/// A chat request ready to go upstream: its bytes, what the router chose, its budget demand, and the key a
/// conversation pins (used on Groq while it is available, whichever model the cascade tries); and the request's
/// trail, which each attempt's record goes to.
/// </summary>
public sealed record CascadePlan(
    PooledBody Body,
    ChatRequest Request,
    ModelSpec Primary,
    ModelSpec? Fallback,
    string Affinity,
    QuotaDemand Demand,
    RequestTrail Trail,
    string? PinnedKey = null);
