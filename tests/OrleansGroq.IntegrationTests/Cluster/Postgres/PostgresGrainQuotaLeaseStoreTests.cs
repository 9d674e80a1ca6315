using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Storage;
using OrleansGroq.Abstractions.Quota;
using OrleansGroq.Grains.Quota;
using OrleansGroq.Grains.Storage;
using OrleansGroq.IntegrationTests.Infrastructure;
using OrleansGroq.IntegrationTests.Quota;

namespace OrleansGroq.IntegrationTests.Cluster.Postgres;

/// <summary>The lease contract, kept by quota grains whose state is in PostgreSQL, on silos whose membership is there too.</summary>
public sealed class PostgresGrainQuotaLeaseStoreTests(PostgresGrainClusterFixture fixture) : QuotaLeaseStoreContract, IClassFixture<PostgresGrainClusterFixture>
{
    protected override IQuotaLeaseStore Store { get; } = new GrainQuotaLeaseStore(GrainCluster.Grains(fixture.Cluster.Silos[1]));

    [Fact]
    public async Task A_quota_grain_writes_its_buckets_to_the_grain_state_table()
    {
        var lease = await Store.LeaseAsync(Key, PerMinute, new QuotaAsk(10, 1000), T0, CancellationToken.None);

        await using var dataSource = NpgsqlDataSource.Create(fixture.ConnectionString);
        await using var command = dataSource.CreateCommand(
            "SELECT payload FROM orleans_grain_state WHERE state_name = 'buckets' AND grain_id_extension LIKE '%/' || $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Key.ToString() });
        var serializer = GrainCluster.Services(fixture.Cluster.Silos[0]).GetRequiredKeyedService<IGrainStorageSerializer>(GrainStorage.Name);
        SharedQuotaState? stored = null;

        // The grain writes before its first grant, then what the grant left with its next flush.
        await Polling.UntilAsync(
            async () => await command.ExecuteScalarAsync() is byte[] payload
                && (stored = serializer.Deserialize<SharedQuotaState>(new BinaryData(payload)))?.Buckets == lease.State,
            "the quota grain has flushed its buckets", TimeSpan.FromSeconds(30));

        Assert.Equal(lease.State, stored?.Buckets);
        Assert.Equal(T0, stored?.At);
    }
}
