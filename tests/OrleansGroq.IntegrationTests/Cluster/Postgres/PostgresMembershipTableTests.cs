using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Runtime.MembershipService;
using OrleansGroq.IntegrationTests.Conversations.Store;
using OrleansGroq.Persistence.PostgreSql.Cluster;

namespace OrleansGroq.IntegrationTests.Cluster.Postgres;

/// <summary>
/// Orleans' ADO.NET membership table on our statements, driven directly as a silo drives it: versioned inserts and
/// updates, reads that always carry the table version, heartbeats, cleanup of defunct silos, and deletion.
/// </summary>
public sealed class PostgresMembershipTableTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>, IDisposable
{
    private static readonly IPAddress Host = IPAddress.Parse("10.1.2.3");

    // Whole milliseconds: PostgreSQL keeps microseconds, .NET ticks are finer, and Orleans' suspect times keep ms.
    private static readonly DateTime Now = DateTime.UnixEpoch.AddMilliseconds(Math.Floor((DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds));

    private readonly ServiceProvider _services = new ServiceCollection().BuildServiceProvider();

    [Fact]
    public async Task A_new_cluster_reads_as_version_zero_with_no_silos()
    {
        var table = await TableAsync();

        var all = await table.ReadAllAsync();
        var row = await table.ReadRowAsync(Silo(11111, 1));

        Assert.Empty(all.Members);
        Assert.Equal(0, all.Version.Version);
        Assert.Empty(row.Members);
        Assert.Equal(0, row.Version.Version);
    }

    [Fact]
    public async Task Initializing_again_keeps_the_version()
    {
        var clusterId = NewClusterId();
        var table = await TableAsync(clusterId);
        Assert.True(await table.InsertRowAsync(Entry(Silo(11111, 1), SiloStatus.Joining), (await table.ReadAllAsync()).Version.Next()));

        var again = await TableAsync(clusterId);

        Assert.Equal(1, (await again.ReadAllAsync()).Version.Version);
    }

    [Fact]
    public async Task An_insert_succeeds_once_at_the_version_read_and_bumps_it()
    {
        var table = await TableAsync();
        var version = (await table.ReadAllAsync()).Version;
        var entry = Entry(Silo(11111, 1), SiloStatus.Joining);

        Assert.True(await table.InsertRowAsync(entry, version.Next()));
        Assert.False(await table.InsertRowAsync(Entry(Silo(11112, 1), SiloStatus.Joining), version.Next()));

        var after = await table.ReadAllAsync();
        Assert.Equal(1, after.Version.Version);
        Assert.False(await table.InsertRowAsync(entry, after.Version.Next()));
        Assert.Equal(1, (await table.ReadAllAsync()).Version.Version);

        var (stored, etag) = Assert.Single(after.Members);
        Assert.Equal("1", etag);
        Assert.Equal(entry.SiloAddress, stored.SiloAddress);
        Assert.Equal(entry.SiloName, stored.SiloName);
        Assert.Equal(entry.HostName, stored.HostName);
        Assert.Equal(SiloStatus.Joining, stored.Status);
        Assert.Equal(entry.ProxyPort, stored.ProxyPort);
        Assert.Equal(entry.StartTime, stored.StartTime);
        Assert.Equal(DateTimeKind.Utc, stored.StartTime.Kind);
        Assert.Equal(entry.IAmAliveTime, stored.IAmAliveTime);
        Assert.Null(stored.SuspectTimes);
    }

    [Fact]
    public async Task An_update_succeeds_only_with_the_current_etag_and_bumps_the_version()
    {
        var table = await TableAsync();
        var entry = Entry(Silo(11111, 1), SiloStatus.Joining);
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next()));
        var read = await table.ReadRowAsync(entry.SiloAddress);
        var (_, etag) = Assert.Single(read.Members);
        var voter = Silo(11112, 7);
        entry.Status = SiloStatus.Active;
        entry.SuspectTimes = [Tuple.Create(voter, Now.AddSeconds(-3)), Tuple.Create(voter, Now.AddSeconds(-1))];

        Assert.True(await table.UpdateRowAsync(entry, etag, read.Version.Next()));
        Assert.False(await table.UpdateRowAsync(entry, etag, read.Version.Next()));
        Assert.False(await table.UpdateRowAsync(Entry(Silo(11113, 1), SiloStatus.Active), "2", new TableVersion(3, "2")));

        var after = await table.ReadRowAsync(entry.SiloAddress);
        Assert.Equal(2, after.Version.Version);
        var (stored, storedEtag) = Assert.Single(after.Members);
        Assert.Equal("2", storedEtag);
        Assert.Equal(SiloStatus.Active, stored.Status);
        Assert.Equal(entry.SuspectTimes, stored.SuspectTimes);
    }

    [Fact]
    public async Task A_heartbeat_moves_i_am_alive_without_a_new_version()
    {
        var table = await TableAsync();
        var entry = Entry(Silo(11111, 1), SiloStatus.Active);
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next()));
        entry.IAmAliveTime = Now.AddSeconds(30);

        await table.UpdateIAmAliveAsync(entry);

        var after = await table.ReadRowAsync(entry.SiloAddress);
        Assert.Equal(1, after.Version.Version);
        Assert.Equal(Now.AddSeconds(30), Assert.Single(after.Members).Item1.IAmAliveTime);
    }

    [Fact]
    public async Task Reading_a_row_returns_that_silo_only()
    {
        var table = await TableAsync();
        Assert.True(await table.InsertRowAsync(Entry(Silo(11111, 1), SiloStatus.Active), (await table.ReadAllAsync()).Version.Next()));
        Assert.True(await table.InsertRowAsync(Entry(Silo(11112, 1), SiloStatus.Active), (await table.ReadAllAsync()).Version.Next()));

        var row = await table.ReadRowAsync(Silo(11112, 1));

        Assert.Equal(Silo(11112, 1), Assert.Single(row.Members).Item1.SiloAddress);
        Assert.Equal(2, (await table.ReadAllAsync()).Members.Count);
        Assert.Empty((await table.ReadRowAsync(Silo(11112, 2))).Members);
    }

    [Fact]
    public async Task Cleanup_removes_dead_silos_whose_last_sign_of_life_is_older_than_the_cutoff()
    {
        var table = await TableAsync();
        var cutoff = Now.AddHours(-1);
        var longDead = Entry(Silo(11111, 1), SiloStatus.Dead, lastSeen: cutoff.AddMinutes(-10));
        var recentlyDead = Entry(Silo(11112, 1), SiloStatus.Dead, lastSeen: cutoff.AddMinutes(10));
        var quietButVotedOnLately = Entry(Silo(11113, 1), SiloStatus.Dead, lastSeen: cutoff.AddMinutes(-10));
        quietButVotedOnLately.SuspectTimes = [Tuple.Create(Silo(11114, 1), cutoff.AddMinutes(-20)), Tuple.Create(Silo(11115, 1), cutoff.AddMinutes(5))];
        var quietButNotDead = Entry(Silo(11116, 1), SiloStatus.Active, lastSeen: cutoff.AddMinutes(-10));
        foreach (var entry in new[] { longDead, recentlyDead, quietButVotedOnLately, quietButNotDead })
        {
            Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next()));
        }

        var votes = (await table.ReadRowAsync(quietButVotedOnLately.SiloAddress)).Members.Single();
        Assert.True(await table.UpdateRowAsync(quietButVotedOnLately, votes.Item2, new TableVersion(int.Parse(votes.Item2) + 1, votes.Item2)));

        await table.CleanupDefunctSiloEntriesAsync(new DateTimeOffset(cutoff));

        var left = (await table.ReadAllAsync()).Members.Select(member => member.Item1.SiloAddress).Order().ToArray();
        Assert.Equal(new[] { recentlyDead.SiloAddress, quietButVotedOnLately.SiloAddress, quietButNotDead.SiloAddress }.Order(), left);
    }

    [Fact]
    public async Task Deleting_a_cluster_removes_its_rows_and_version_and_leaves_other_clusters()
    {
        var clusterId = NewClusterId();
        var table = await TableAsync(clusterId);
        var other = await TableAsync();
        Assert.True(await table.InsertRowAsync(Entry(Silo(11111, 1), SiloStatus.Active), (await table.ReadAllAsync()).Version.Next()));
        Assert.True(await other.InsertRowAsync(Entry(Silo(11111, 1), SiloStatus.Active), (await other.ReadAllAsync()).Version.Next()));

        await table.DeleteMembershipTableEntriesAsync(clusterId);

        var again = await TableAsync(clusterId);
        var after = await again.ReadAllAsync();
        Assert.Empty(after.Members);
        Assert.Equal(0, after.Version.Version);
        Assert.Single((await other.ReadAllAsync()).Members);
    }

    public void Dispose() => _services.Dispose();

    private static string NewClusterId() => "membership-test-" + Guid.NewGuid().ToString("N");

    private static SiloAddress Silo(int port, int generation) => SiloAddress.New(Host, port, generation);

    private static MembershipEntry Entry(SiloAddress silo, SiloStatus status, DateTime? lastSeen = null) => new()
    {
        SiloAddress = silo,
        SiloName = "silo-" + silo.Endpoint.Port,
        HostName = "host-" + silo.Endpoint.Port,
        Status = status,
        ProxyPort = silo.Endpoint.Port + 1000,
        StartTime = (lastSeen ?? Now).AddMinutes(-5),
        IAmAliveTime = lastSeen ?? Now,
    };

    private Task<AdoNetClusteringTable> TableAsync() => TableAsync(NewClusterId());

    private async Task<AdoNetClusteringTable> TableAsync(string clusterId)
    {
        var table = new AdoNetClusteringTable(
            _services,
            Options.Create(new ClusterOptions { ClusterId = clusterId, ServiceId = "membership-tests" }),
            Options.Create(new AdoNetClusteringSiloOptions
            {
                Invariant = PostgresSiloBuilderExtensions.Invariant,
                ConnectionString = database.ConnectionString,
            }),
            NullLogger<AdoNetClusteringTable>.Instance);
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true);
        return table;
    }
}
