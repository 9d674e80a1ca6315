using OrleansGroq.Abstractions.Routing;
using OrleansGroq.Grains.Chat;
using OrleansGroq.Grains.Upstream;
using OrleansGroq.Silo.Http;

namespace OrleansGroq.Silo.Cascade;

/// <summary>
/// A chat request ready to go upstream: its bytes, what the router chose, its budget demand, and the key a
/// conversation pins (used on Groq while it is available, whichever model the cascade tries); and the request and
/// tenant it serves, which each attempt's record names.
/// </summary>
public sealed record CascadePlan(
    PooledBody Body,
    ChatRequest Request,
    ModelSpec Primary,
    ModelSpec? Fallback,
    string Affinity,
    QuotaDemand Demand,
    string RequestId,
    string Tenant,
    string? PinnedKey = null);
