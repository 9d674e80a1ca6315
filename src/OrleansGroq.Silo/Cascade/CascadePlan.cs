using OrleansGroq.Abstractions.Routing;
using OrleansGroq.Grains.Chat;
using OrleansGroq.Grains.Upstream;
using OrleansGroq.Silo.Http;

namespace OrleansGroq.Silo.Cascade;

/// <summary>A chat request ready to go upstream: its bytes, what the router chose, and its budget demand.</summary>
public sealed record CascadePlan(
    PooledBody Body,
    ChatRequest Request,
    ModelSpec Primary,
    ModelSpec? Fallback,
    string Affinity,
    QuotaDemand Demand);
