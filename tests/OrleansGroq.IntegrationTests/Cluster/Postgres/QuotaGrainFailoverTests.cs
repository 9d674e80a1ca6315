using System.Diagnostics;
using OrleansGroq.Abstractions.Quota;
using OrleansGroq.Testing;

namespace OrleansGroq.IntegrationTests.Cluster.Postgres;

/// <summary>
/// A quota grain whose silo is killed right after granting a whole bucket: the activation on a survivor starts from
/// the state in PostgreSQL and grants no more than Groq's bucket could have refilled since, although nothing was
/// written after the grant.
/// </summary>
public sealed class QuotaGrainFailoverTests : IAsyncLifetime
{
    private static readonly QuotaLimits PerMinute = new(Rpm: 60, Rpd: 0, Tpm: 6_000, Tpd: 0);

    private string _database = null!;
    private GrainCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _database = await PostgresServer.CreateDatabaseAsync();
        _cluster = await GrainCluster.StartAsync(silos: 3, database: _database);
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await PostgresServer.DropDatabaseAsync(_database);
    }

    [Fact]
    public async Task A_grain_reactivated_after_its_silo_was_killed_never_grants_what_its_predecessor_granted()
    {
        const string Key = "org_failover/llama-3.1-8b-instant";
        var everything = new QuotaAsk(PerMinute.Rpm, PerMinute.Tpm);
        var first = GrainCluster.Grains(_cluster.Silos[0]).GetGrain<IModelQuotaGrain>(Key);
        var started = Stopwatch.GetTimestamp();
        var before = await first.LeaseAsync(PerMinute, everything, DateTimeOffset.UtcNow);
        var hostAddress = await _cluster.HostOfAsync(first);
        var host = _cluster.Silos.Single(silo => silo.SiloAddress.Equals(hostAddress));
        var caller = _cluster.Silos.First(silo => silo != host);

        await _cluster.Cluster.KillSiloAsync(host);
        var after = await LeaseOnceReachableAsync(GrainCluster.Grains(caller).GetGrain<IModelQuotaGrain>(Key), everything);
        var elapsed = Stopwatch.GetElapsedTime(started);

        // Groq's bucket started as full as the grain's: over the whole time it could have refilled this much.
        var refilled = elapsed.TotalMinutes;
        Assert.Equal((PerMinute.Rpm, PerMinute.Tpm), (before.GrantedRequests, before.GrantedTokens));
        Assert.True(after.GrantedRequests <= PerMinute.Rpm * refilled, $"{after.GrantedRequests} requests granted again after {elapsed.TotalSeconds:0.0} s");
        Assert.True(after.GrantedTokens <= PerMinute.Tpm * refilled, $"{after.GrantedTokens} tokens granted again after {elapsed.TotalSeconds:0.0} s");
        Assert.NotEqual(host.SiloAddress, await _cluster.HostOfAsync(first));
    }

    // Until the cluster has voted the killed silo dead, calls to the grain may fail.
    private static async Task<QuotaLease> LeaseOnceReachableAsync(IModelQuotaGrain grain, QuotaAsk ask)
    {
        var deadline = Stopwatch.GetTimestamp() + (60 * Stopwatch.Frequency);
        while (true)
        {
            try
            {
                return await grain.LeaseAsync(PerMinute, ask, DateTimeOffset.UtcNow);
            }
            catch (Exception exception) when (exception is SiloUnavailableException or TimeoutException or OrleansMessageRejectionException
                && Stopwatch.GetTimestamp() < deadline)
            {
            }
        }
    }
}
