using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans;
using Orleans.Runtime;
using Orleans.TestingHost;
using OrleansGroq.IntegrationTests.Conversations.Store;
using OrleansGroq.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace OrleansGroq.IntegrationTests.Cluster.Postgres;

/// <summary>Silos that find each other, and learn of each other's end, through the PostgreSQL membership table.</summary>
public sealed class PostgresClusterTests(MigratedDatabase database, ITestOutputHelper output) : IClassFixture<MigratedDatabase>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Two_silos_join_and_each_sees_both_active()
    {
        await using var cluster = await PostgresTestCluster.StartAsync(database.ConnectionString);
        var silos = cluster.Silos.Select(silo => silo.SiloAddress).ToArray();

        await Polling.UntilAsync(
            async () => (await cluster.Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Count == 2,
            "the management grain lists two active silos", Patience);

        Assert.Equal(2, silos.Length);
        foreach (var silo in silos)
        {
            var view = cluster.GetSiloServiceProvider(silo).GetRequiredService<IClusterMembershipService>().CurrentSnapshot;
            Assert.All(silos, other => Assert.Equal(SiloStatus.Active, view.GetSiloStatus(other)));
            Assert.Equal(3, await PostgresTestCluster.StoredStatusAsync(database.DataSource, cluster.Options.ClusterId, silo));
        }
    }

    [Fact]
    public async Task A_silo_that_stops_is_recorded_dead_and_the_other_carries_on()
    {
        await using var cluster = await PostgresTestCluster.StartAsync(database.ConnectionString);
        var leaving = cluster.Silos[1];

        await cluster.StopSiloAsync(leaving);

        Assert.Equal(PostgresTestCluster.DeadStatus, await PostgresTestCluster.StoredStatusAsync(database.DataSource, cluster.Options.ClusterId, leaving.SiloAddress));
        await Polling.UntilAsync(
            async () => (await cluster.Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Keys.SequenceEqual([cluster.Silos[0].SiloAddress]),
            "the remaining silo is the only active one", Patience);
    }

    [Fact]
    public async Task A_killed_silo_is_recorded_dead()
    {
        await using var cluster = await PostgresTestCluster.StartAsync(database.ConnectionString);
        var victim = cluster.Silos[1];

        // An in-process silo stopped with a cancelled token still writes Dead on its way down (MembershipAgent's
        // last lifecycle stage), so this is not yet the crash the other silos must detect: see the next test.
        await cluster.KillSiloAsync(victim);

        await Polling.UntilAsync(
            async () => await PostgresTestCluster.StoredStatusAsync(database.DataSource, cluster.Options.ClusterId, victim.SiloAddress) == PostgresTestCluster.DeadStatus,
            "the killed silo's row is Dead", Patience);
    }

    [Fact]
    public async Task A_silo_that_never_answers_is_voted_dead_by_the_others()
    {
        await using var cluster = await PostgresTestCluster.StartAsync(
            database.ConnectionString, builder => builder.AddSiloBuilderConfigurator<FastFailureDetection>());
        await Polling.UntilAsync(
            async () => (await cluster.Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Count == 2,
            "both silos are active", Patience);

        // A crashed silo is an Active row that nothing answers for: the live silos read it, probe it, fail, and vote.
        var crashed = SiloAddress.New(IPAddress.Loopback, 9, 1);
        await using (var command = database.DataSource.CreateCommand("""
            WITH bumped AS (UPDATE orleans_membership_version SET version = version + 1 WHERE deployment_id = $1 RETURNING deployment_id)
            INSERT INTO orleans_membership (deployment_id, address, port, generation, silo_name, host_name, status, proxy_port, start_time, i_am_alive_time)
            SELECT deployment_id, $2, $3, $4, 'crashed', 'crashed', 3, 0, now(), now() FROM bumped
            """))
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = cluster.Options.ClusterId });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = crashed.Endpoint.Address.ToString() });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = crashed.Endpoint.Port });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = crashed.Generation });
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        var since = Stopwatch.StartNew();
        await Polling.UntilAsync(
            async () => await PostgresTestCluster.StoredStatusAsync(database.DataSource, cluster.Options.ClusterId, crashed) == PostgresTestCluster.DeadStatus,
            "the silo nobody answers for is Dead", Patience);

        await using var votes = database.DataSource.CreateCommand("SELECT suspect_times FROM orleans_membership WHERE deployment_id = $1 AND port = 9");
        votes.Parameters.Add(new NpgsqlParameter<string> { TypedValue = cluster.Options.ClusterId });
        var voters = ((string)(await votes.ExecuteScalarAsync())!).Split('|').Select(vote => vote.Split(',')[0]).ToHashSet();
        Assert.Subset(cluster.Silos.Select(silo => silo.SiloAddress.ToParsableString()).ToHashSet(), voters);
        output.WriteLine($"Voted dead {since.Elapsed.TotalSeconds:F1} s after its row appeared, by {string.Join(", ", voters)} " +
            "(table refresh 1 s, probe timeout 1 s, 2 missed probes).");
    }
}
