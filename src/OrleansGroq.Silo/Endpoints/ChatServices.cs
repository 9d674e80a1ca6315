using Microsoft.Extensions.Options;
using Orleans.Runtime;
using OrleansGroq.Abstractions.Gateway;
using OrleansGroq.Grains.Caching;
using OrleansGroq.Grains.Quota;
using OrleansGroq.Grains.Routing;
using OrleansGroq.Grains.Upstream;
using OrleansGroq.Silo.Cascade;
using OrleansGroq.Silo.Fallback;
using OrleansGroq.Silo.Quota;

namespace OrleansGroq.Silo.Endpoints;

/// <summary>The services chat work uses (completions and conversation turns), bound as one parameter of an endpoint.</summary>
public sealed record ChatServices(
    ModelRouter Router,
    ModelCatalog Catalog,
    ChatCascade Cascade,
    ResponseCache Cache,
    UpstreamForwarder Forwarder,
    IGrainFactory Grains,
    QuotaTokenEstimator Estimator,
    DegradedPolicy Degraded,
    TenantBudgets Tenants,
    LocalAnswers LocalAnswers,
    ILocalSiloDetails Silo,
    IOptions<GatewayOptions> GatewayOptions,
    IOptions<UpstreamOptions> UpstreamOptions);
