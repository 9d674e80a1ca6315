using OrleansGroq.Abstractions.Quota;
using OrleansGroq.Grains.Quota;
using OrleansGroq.IntegrationTests.Cluster;

namespace OrleansGroq.IntegrationTests.Quota;

/// <summary>The lease contract, kept by the quota grains of a three-silo cluster and called from one of its silos.</summary>
public sealed class GrainQuotaLeaseStoreTests(GrainClusterFixture fixture) : QuotaLeaseStoreContract, IClassFixture<GrainClusterFixture>
{
    protected override IQuotaLeaseStore Store { get; } = new GrainQuotaLeaseStore(GrainCluster.Grains(fixture.Cluster.Silos[1]));
}
