using OrleansGroq.Testing;

namespace OrleansGroq.IntegrationTests.Cluster.Postgres;

/// <summary>
/// A two-silo <see cref="GrainCluster"/> of the gateway's own grains on a fresh database, which holds membership and
/// grain state. The silos migrate it as they start, as the gateway does.
/// </summary>
public sealed class PostgresGrainClusterFixture : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = null!;

    internal GrainCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        ConnectionString = await PostgresServer.CreateDatabaseAsync();
        Cluster = await GrainCluster.StartAsync(silos: 2, database: ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await PostgresServer.DropDatabaseAsync(ConnectionString);
    }
}
