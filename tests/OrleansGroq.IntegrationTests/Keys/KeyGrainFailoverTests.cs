using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using OrleansGroq.Abstractions.Keys;
using OrleansGroq.Abstractions.Upstream;
using OrleansGroq.IntegrationTests.Cluster;
using OrleansGroq.IntegrationTests.Cluster.Postgres;
using OrleansGroq.IntegrationTests.Infrastructure;
using OrleansGroq.Testing;
using Xunit.Abstractions;

namespace OrleansGroq.IntegrationTests.Keys;

/// <summary>
/// The silo holding a key grain dies: the grain comes back on a survivor with the key's persisted cooldown, keeps the
/// longest deadline, and tells every surviving silo's board of its next change without waiting for a renewal.
/// </summary>
public sealed class KeyGrainFailoverTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly UpstreamError RpmError = new("requests", "rate_limit_exceeded", RateLimitKind.RequestsPerMinute, null);

    private string _database = null!;
    private GrainCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _database = await PostgresServer.CreateDatabaseAsync();
        _cluster = await GrainCluster.StartAsync(silos: 3, keys: 2, database: _database, configure: builder =>
        {
            builder.AddSiloBuilderConfigurator<FastFailureDetection>();

            // Longer than the test, so that only the silo's death can have made the boards subscribe again.
            builder.Properties[ApiKeyPoolOptions.SubscriptionRenewalSettingName] = "00:04:00";
        });
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await PostgresServer.DropDatabaseAsync(_database);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_key_grain_whose_silo_dies_keeps_its_cooldown_and_tells_every_survivor_of_the_next_one(bool kill)
    {
        var alias = _cluster.Keys[0].Alias;
        var hostAddress = await _cluster.HostOfAsync(GrainCluster.Grains(_cluster.Silos[0]).GetGrain<IApiKeyGrain>(alias));
        var host = _cluster.Silos.Single(silo => silo.SiloAddress.Equals(hostAddress));
        var survivors = _cluster.Silos.Where(silo => silo != host).ToList();
        var before = await GrainCluster.Grains(survivors[0]).GetGrain<IApiKeyGrain>(alias).ReportOutcomeAsync(RateLimited(TimeSpan.FromMinutes(10)));

        var clock = Stopwatch.StartNew();
        await (kill ? _cluster.Cluster.KillSiloAsync(host) : _cluster.Cluster.StopSiloAsync(host));
        await Polling.UntilAsync(
            () => survivors.All(silo => GrainCluster.Services(silo).GetRequiredService<IClusterMembershipService>().CurrentSnapshot.GetSiloStatus(host.SiloAddress) == SiloStatus.Dead),
            "every survivor declares the silo dead");
        var declaredDead = clock.Elapsed;

        // Reported straight to the grain, so no survivor's board hears of the change from its own answer.
        var grain = GrainCluster.Grains(survivors[0]).GetGrain<IApiKeyGrain>(alias);
        var shorter = await grain.ReportOutcomeAsync(RateLimited(TimeSpan.FromMinutes(5)));
        var longer = await grain.ReportOutcomeAsync(RateLimited(TimeSpan.FromMinutes(30)));
        var reported = clock.Elapsed;
        foreach (var silo in survivors)
        {
            var pool = GrainCluster.Services(silo).GetRequiredService<IApiKeyPool>();
            await Polling.UntilAsync(() => pool.GetStatus(alias).CoolingUntil == longer.CoolingUntil, "every survivor's board learns the re-activated grain's cooldown");
        }

        output.WriteLine($"{(kill ? "killed" : "stopped")} silo declared dead by both survivors {declaredDead.TotalMilliseconds:F0} ms after; " +
            $"the re-activated grain's cooldown on both boards {(clock.Elapsed - reported).TotalMilliseconds:F1} ms after it was reported.");
        Assert.Equal(before.CoolingUntil, shorter.CoolingUntil);
        Assert.True(longer.CoolingUntil > before.CoolingUntil);
        Assert.True(longer.Version > before.Version);
        Assert.NotEqual(host.SiloAddress, await _cluster.HostOfAsync(grain));
    }

    private static UpstreamOutcome RateLimited(TimeSpan retryAfter) =>
        new(429, new RateLimitSnapshot { RetryAfter = retryAfter }, RpmError, GrainCluster.Model);
}
