using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;
using Orleans.TestingHost;
using OrleansGroq.Abstractions.Keys;
using OrleansGroq.Abstractions.Quota;
using OrleansGroq.Grains.Quota;
using OrleansGroq.Grains.Storage;
using OrleansGroq.IntegrationTests.Cluster.Postgres.Grains;
using OrleansGroq.IntegrationTests.Conversations.Store;

namespace OrleansGroq.IntegrationTests.Cluster.Postgres;

/// <summary>Grain state in PostgreSQL: shared by the silos, guarded by etags, kept apart per grain type, stored as JSON.</summary>
public sealed class PostgresGrainStorageTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    [Fact]
    public async Task State_written_on_one_silo_is_read_on_the_other_after_the_first_stops()
    {
        await using var cluster = await PostgresTestCluster.StartAsync(database.ConnectionString);
        var grain = cluster.Client.GetGrain<IFirstCounterGrain>("survives-its-silo");
        await grain.SetAsync(42);
        var first = await grain.SiloAsync();

        await cluster.StopSiloAsync(cluster.Silos.Single(silo => silo.SiloAddress.ToString() == first));

        Assert.Equal(42, await grain.GetAsync());
        Assert.NotEqual(first, await grain.SiloAsync());
    }

    [Fact]
    public async Task A_write_or_clear_with_a_stale_etag_is_refused()
    {
        await using var cluster = await PostgresTestCluster.StartAsync(database.ConnectionString);
        var storage = Storage(cluster);
        var grainId = GrainId.Create("orleansgroq-test-etag", "one");
        var first = new GrainState<CounterState>(new CounterState { Value = 1 });
        var second = new GrainState<CounterState>(new CounterState { Value = 2 });

        await storage.WriteStateAsync(CounterGrain.StateName, grainId, first);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(CounterGrain.StateName, grainId, second));
        second.ETag = first.ETag;
        await storage.WriteStateAsync(CounterGrain.StateName, grainId, second);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(CounterGrain.StateName, grainId, first));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(CounterGrain.StateName, grainId, first));

        Assert.Equal("1", first.ETag);
        Assert.Equal("2", second.ETag);
        var read = await ReadAsync(storage, grainId);
        Assert.True(read.RecordExists);
        Assert.Equal("2", read.ETag);
        Assert.Equal(2, read.State?.Value);
    }

    [Fact]
    public async Task A_cleared_state_reads_as_new_and_still_refuses_the_etag_it_had()
    {
        await using var cluster = await PostgresTestCluster.StartAsync(database.ConnectionString);
        var storage = Storage(cluster);
        var grainId = GrainId.Create("orleansgroq-test-etag", "cleared");
        var state = new GrainState<CounterState>(new CounterState { Value = 5 });
        await storage.WriteStateAsync(CounterGrain.StateName, grainId, state);
        var before = new GrainState<CounterState>(new CounterState { Value = 6 }) { ETag = state.ETag };

        await storage.ClearStateAsync(CounterGrain.StateName, grainId, state);

        Assert.False(state.RecordExists);
        Assert.Equal("2", state.ETag);
        var read = await ReadAsync(storage, grainId);
        Assert.False(read.RecordExists);
        Assert.Equal("2", read.ETag);
        Assert.Equal(0, read.State?.Value);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(CounterGrain.StateName, grainId, before));
        await storage.WriteStateAsync(CounterGrain.StateName, grainId, read);
        Assert.Equal("3", read.ETag);
    }

    [Fact]
    public async Task The_version_wraps_to_one_after_the_largest_int()
    {
        await using var cluster = await PostgresTestCluster.StartAsync(database.ConnectionString);
        var storage = Storage(cluster);
        var grainId = GrainId.Create("orleansgroq-test-etag", "wraps");
        await storage.WriteStateAsync(CounterGrain.StateName, grainId, new GrainState<CounterState>(new CounterState()));
        await using (var command = database.DataSource.CreateCommand("UPDATE orleans_grain_state SET version = 2147483647 WHERE grain_id_extension = $1"))
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId.ToString() });
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        var read = await ReadAsync(storage, grainId);
        await storage.WriteStateAsync(CounterGrain.StateName, grainId, read);

        Assert.Equal("1", read.ETag);
    }

    [Fact]
    public async Task Grains_of_two_types_with_one_key_and_state_name_keep_their_own_state()
    {
        await using var cluster = await PostgresTestCluster.StartAsync(database.ConnectionString);

        await cluster.Client.GetGrain<IFirstCounterGrain>("shared-key").SetAsync(1);
        await cluster.Client.GetGrain<ISecondCounterGrain>("shared-key").SetAsync(2);
        await cluster.Client.GetGrain<IFirstCounterGrain>("abc").SetAsync(3);
        await cluster.Client.GetGrain<IFirstCounterGrain>("ABC").SetAsync(4);
        await cluster.Client.GetGrain<IFirstCounterGrain>("020235").SetAsync(5);
        await cluster.Client.GetGrain<IFirstCounterGrain>("20235").SetAsync(6);
        await cluster.StopAllSilosAsync();
        await cluster.StartAdditionalSilosAsync(1);
        await cluster.InitializeClientAsync();

        Assert.Equal(1, await cluster.Client.GetGrain<IFirstCounterGrain>("shared-key").GetAsync());
        Assert.Equal(2, await cluster.Client.GetGrain<ISecondCounterGrain>("shared-key").GetAsync());
        Assert.Equal(3, await cluster.Client.GetGrain<IFirstCounterGrain>("abc").GetAsync());
        Assert.Equal(4, await cluster.Client.GetGrain<IFirstCounterGrain>("ABC").GetAsync());
        Assert.Equal(5, await cluster.Client.GetGrain<IFirstCounterGrain>("020235").GetAsync());
        Assert.Equal(6, await cluster.Client.GetGrain<IFirstCounterGrain>("20235").GetAsync());
    }

    [Fact]
    public async Task State_is_stored_as_plain_json_under_the_whole_grain_id()
    {
        await using var cluster = await PostgresTestCluster.StartAsync(database.ConnectionString);
        var grain = cluster.Client.GetGrain<IFirstCounterGrain>("json");

        await grain.SetAsync(7);

        await using var command = database.DataSource.CreateCommand(
            "SELECT convert_from(payload, 'UTF8'), version, grain_id_n0, grain_id_n1 FROM orleans_grain_state " +
            "WHERE service_id = $1 AND state_name = $2 AND grain_id_extension = $3");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = cluster.Options.ServiceId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = CounterGrain.StateName });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grain.GetGrainId().ToString() });
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal("""{"Value":7}""", reader.GetString(0));
        Assert.Equal(1, reader.GetInt32(1));
        Assert.Equal(0, reader.GetInt64(2));
        Assert.Equal(0, reader.GetInt64(3));
    }

    [Fact]
    public async Task The_gateways_grain_states_survive_the_json_round_trip()
    {
        await using var cluster = await PostgresTestCluster.StartAsync(database.ConnectionString);
        var serializer = cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorageSerializer>(GrainStorage.Name);
        var key = new ApiKeyState
        {
            CoolingUntil = new DateTimeOffset(2026, 3, 1, 12, 0, 30, TimeSpan.Zero),
            CooldownReason = CooldownReason.RetryAfter,
            CoolingModel = "llama-3.1-8b-instant",
            Disabled = true,
            DisabledAt = new DateTimeOffset(2026, 3, 1, 12, 0, 1, TimeSpan.Zero),
            Version = 7,
        };
        var quota = new SharedQuotaState
        {
            Buckets = new QuotaBucketState(new QuotaLimits(60, 1000, 6000, 0), new QuotaLevels(12.5, 990, 5000, 0)),
            At = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero),
        };

        Assert.Equal(key, serializer.Deserialize<ApiKeyState>(serializer.Serialize(key)));
        Assert.Equal(quota, serializer.Deserialize<SharedQuotaState>(serializer.Serialize(quota)));
        Assert.Equal(new SharedQuotaState(), serializer.Deserialize<SharedQuotaState>(serializer.Serialize(new SharedQuotaState())));
    }

    private static IGrainStorage Storage(TestCluster cluster) =>
        cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(GrainStorage.Name);

    private static async Task<GrainState<CounterState>> ReadAsync(IGrainStorage storage, GrainId grainId)
    {
        var state = new GrainState<CounterState>(new CounterState());
        await storage.ReadStateAsync(CounterGrain.StateName, grainId, state);
        return state;
    }
}
