using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OrleansGroq.Silo.Shutdown;

/// <summary>Readiness fails from the moment the node begins to stop, so that load balancers send it nothing more.</summary>
internal sealed class DrainHealthCheck(NodeDrain drain) : IHealthCheck
{
    private static readonly Task<HealthCheckResult> Ready = Task.FromResult(HealthCheckResult.Healthy());
    private static readonly Task<HealthCheckResult> Draining = Task.FromResult(HealthCheckResult.Unhealthy("The node is stopping and drains its requests."));

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        drain.IsDraining ? Draining : Ready;
}
