namespace OrleansGroq.IntegrationTests.Cluster;

/// <summary>A three-silo <see cref="GrainCluster"/> shared by the tests of one class; each test uses grain keys of its own.</summary>
public sealed class GrainClusterFixture : IAsyncLifetime
{
    internal GrainCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await GrainCluster.StartAsync(silos: 3);

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
