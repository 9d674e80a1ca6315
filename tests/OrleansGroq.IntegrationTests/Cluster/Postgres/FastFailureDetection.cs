using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace OrleansGroq.IntegrationTests.Cluster.Postgres;

/// <summary>
/// Re-reads the membership table every second, probes every second and suspects a silo after two missed probes, so
/// that a test sees a silo that stopped answering voted dead in seconds rather than the minute Orleans' defaults take.
/// </summary>
public sealed class FastFailureDetection : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder) =>
        siloBuilder.Services.Configure<ClusterMembershipOptions>(options =>
        {
            options.TableRefreshTimeout = TimeSpan.FromSeconds(1);
            options.ProbeTimeout = TimeSpan.FromSeconds(1);
            options.NumMissedProbesLimit = 2;
        });
}
