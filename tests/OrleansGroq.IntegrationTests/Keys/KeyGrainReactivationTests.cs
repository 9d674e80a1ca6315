using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OrleansGroq.Abstractions.Keys;
using OrleansGroq.Abstractions.Upstream;
using OrleansGroq.IntegrationTests.Cluster;
using OrleansGroq.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace OrleansGroq.IntegrationTests.Keys;

/// <summary>
/// A key grain's activation goes away while every silo lives: here it is collected while idle; while silos join, the
/// grain directory may likewise end a duplicate activation. Its next activation was never subscribed to by any board,
/// yet tells every silo's board of its next change at once.
/// </summary>
public sealed class KeyGrainReactivationTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly UpstreamError RpmError = new("requests", "rate_limit_exceeded", RateLimitKind.RequestsPerMinute, null);

    private GrainCluster _cluster = null!;

    public async Task InitializeAsync() =>
        _cluster = await GrainCluster.StartAsync(silos: 3, keys: 2, configure: builder =>
        {
            // Longer than the test, so that only the grain's own message can have told the boards.
            builder.Properties[ApiKeyPoolOptions.SubscriptionRenewalSettingName] = "00:04:00";
        });

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_key_grain_activated_again_tells_every_silos_board_of_its_next_change()
    {
        var alias = _cluster.Keys[0].Alias;
        var grain = GrainCluster.Grains(_cluster.Silos[0]).GetGrain<IApiKeyGrain>(alias);
        var before = await _cluster.ActivationsOfAsync(grain);
        await _cluster.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var collected = await _cluster.ActivationsOfAsync(grain);

        var clock = Stopwatch.StartNew();
        var status = await grain.ReportOutcomeAsync(new UpstreamOutcome(429, new RateLimitSnapshot { RetryAfter = TimeSpan.FromMinutes(10) }, RpmError, GrainCluster.Model));
        var reported = clock.Elapsed;
        foreach (var silo in _cluster.Silos)
        {
            var pool = GrainCluster.Services(silo).GetRequiredService<IApiKeyPool>();
            await Polling.UntilAsync(() => pool.GetStatus(alias).CoolingUntil == status.CoolingUntil, clock, reported, "every silo's board learns the new activation's cooldown");
        }

        output.WriteLine($"the new activation's cooldown on every board {(clock.Elapsed - reported).TotalMilliseconds:F1} ms after it was reported.");
        Assert.Equal(1, before);
        Assert.Equal(0, collected);
        Assert.NotNull(status.CoolingUntil);
    }
}
