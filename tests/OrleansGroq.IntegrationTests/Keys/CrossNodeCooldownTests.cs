using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OrleansGroq.Abstractions.Keys;
using OrleansGroq.Abstractions.Upstream;
using OrleansGroq.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace OrleansGroq.IntegrationTests.Keys;

/// <summary>Two or three gateway nodes, one cluster on one database, and one emulator: a cooldown learned on one node holds on all.</summary>
public sealed class CrossNodeCooldownTests(ITestOutputHelper output)
{
    private static readonly TestKey KeyA = new("a1", "org_a", "gsk_test_cross_node_account_a");
    private static readonly TestKey KeyB = new("b1", "org_b", "gsk_test_cross_node_account_b");
    private static readonly UpstreamError RpmError = new("requests", "rate_limit_exceeded", RateLimitKind.RequestsPerMinute, null);

    [Fact]
    public async Task A_429_on_one_node_is_pushed_to_the_other_node_which_stops_using_the_key()
    {
        await using var cluster = await KeyCluster.StartAsync([KeyA, KeyB]);
        var (nodeA, nodeB) = (cluster.Nodes[0], cluster.Nodes[1]);
        var (poolA, poolB) = (KeyCluster.Pool(nodeA), KeyCluster.Pool(nodeB));
        var session = KeyCluster.SessionPreferring(nodeA, KeyA.Alias);
        cluster.Emulator.Control.SetLimits(KeyA.Account, ChatBodies.Model, new() { Rpm = 1 });
        using (var spent = await cluster.SendUpstreamAsync(KeyA))
        {
            Assert.Equal(HttpStatusCode.OK, spent.StatusCode);
        }

        var clock = Stopwatch.StartNew();
        var seenOnA = Polling.UntilAsync(() => !poolA.GetStatus(KeyA.Alias).IsAvailableAt(DateTimeOffset.UtcNow), clock, TimeSpan.Zero, "node A cools a1 down");
        var seenOnB = Polling.UntilAsync(() => !poolB.GetStatus(KeyA.Alias).IsAvailableAt(DateTimeOffset.UtcNow), clock, TimeSpan.Zero, "node B cools a1 down");
        using var response = await nodeA.Http.SendAsync(ChatBodies.Post(ChatBodies.Simple(), session));
        var returned = clock.Elapsed;
        var afterResponse = await Polling.UntilAsync(
            () => !poolB.GetStatus(KeyA.Alias).IsAvailableAt(DateTimeOffset.UtcNow), clock, returned, "node B cools a1 down");
        var aToB = await seenOnB - await seenOnA;

        output.WriteLine($"a1 unavailable on node B {afterResponse.TotalMilliseconds:F1} ms after node A's response returned; " +
            $"{aToB.TotalMilliseconds:F1} ms after node A's own pool marked it (1 ms polling).");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(KeyB.Alias, response.Header("x-orleansgroq-key"));
        Assert.Equal(2, response.Attempts());

        var onA = poolA.GetStatus(KeyA.Alias);
        var onB = poolB.GetStatus(KeyA.Alias);
        Assert.Equal(CooldownReason.RequestsPerMinute, onB.Reason);
        Assert.Equal(onA.Reason, onB.Reason);
        Assert.InRange((onA.CoolingUntil!.Value - onB.CoolingUntil!.Value).Duration(), TimeSpan.Zero, TimeSpan.FromMicroseconds(1));

        using var onNodeB = await nodeB.Http.SendAsync(ChatBodies.Post(ChatBodies.Simple(), session));
        Assert.Equal(HttpStatusCode.OK, onNodeB.StatusCode);
        Assert.Equal(KeyB.Alias, onNodeB.Header("x-orleansgroq-key"));
        Assert.Equal(1, onNodeB.Attempts());
        Assert.Equal(1, cluster.Emulator.Control.GetStats().Totals.RateLimited);
    }

    [Fact]
    public async Task A_node_started_after_a_cooldown_and_a_disable_knows_both_before_its_first_request()
    {
        var revoked = new TestKey("revoked", "org_revoked", "gsk_test_cross_node_revoked_unknown_upstream");
        await using var cluster = await KeyCluster.StartAsync([KeyA, KeyB], [KeyA, KeyB, revoked], nodes: 1);
        var nodeA = cluster.Nodes[0];
        var sessions = new[] { KeyA.Alias, revoked.Alias }.Select(alias => KeyCluster.SessionPreferring(nodeA, alias)).ToList();
        var grains = nodeA.Services.GetRequiredService<IGrainFactory>();
        var cooling = await grains.GetGrain<IApiKeyGrain>(KeyA.Alias)
            .ReportOutcomeAsync(new UpstreamOutcome(429, new RateLimitSnapshot { RetryAfter = TimeSpan.FromMinutes(10) }, RpmError));
        await grains.GetGrain<IApiKeyGrain>(revoked.Alias)
            .ReportOutcomeAsync(new UpstreamOutcome(401, null, new UpstreamError("invalid_request_error", "invalid_api_key", RateLimitKind.Unknown, null)));

        var late = await cluster.StartNodeAsync();

        var pool = KeyCluster.Pool(late);
        var status = pool.GetStatus(KeyA.Alias);
        Assert.InRange((cooling.CoolingUntil!.Value - status.CoolingUntil!.Value).Duration(), TimeSpan.Zero, TimeSpan.FromMicroseconds(1));
        Assert.Equal(CooldownReason.RequestsPerMinute, status.Reason);
        Assert.True(pool.GetStatus(revoked.Alias).Disabled);
        Assert.True(pool.GetStatus(KeyB.Alias).IsAvailableAt(DateTimeOffset.UtcNow));
        foreach (var session in sessions)
        {
            using var response = await late.Http.SendAsync(ChatBodies.Post(ChatBodies.Simple(), session));
            Assert.Equal(KeyB.Alias, response.Header("x-orleansgroq-key"));
            Assert.Equal(1, response.Attempts());
        }

        Assert.Equal(0, cluster.Emulator.Control.GetStats().Unauthorized);
    }

    [Fact]
    public async Task A_shorter_cooldown_reported_later_by_another_node_does_not_shorten_a_longer_one()
    {
        await using var cluster = await KeyCluster.StartAsync([KeyA, KeyB]);
        var (nodeA, nodeB) = (cluster.Nodes[0], cluster.Nodes[1]);
        var longer = await nodeA.Services.GetRequiredService<IGrainFactory>().GetGrain<IApiKeyGrain>(KeyA.Alias)
            .ReportOutcomeAsync(new UpstreamOutcome(429, new RateLimitSnapshot { RetryAfter = TimeSpan.FromMinutes(10) }, RpmError));
        await Polling.UntilAsync(() => KeyCluster.Pool(nodeB).GetStatus(KeyA.Alias).CoolingUntil is not null, "node B learns the longer cooldown");

        // Node B learned a shorter cooldown of its own, from a 429 that raced node A's.
        var onB = await nodeB.Services.GetRequiredService<IGrainFactory>().GetGrain<IApiKeyGrain>(KeyA.Alias)
            .ReportOutcomeAsync(new UpstreamOutcome(429, new RateLimitSnapshot { RetryAfter = TimeSpan.FromSeconds(5) }, RpmError));

        Assert.Equal(longer, onB);
        foreach (var node in cluster.Nodes)
        {
            // The grain was called directly, so each board learns of it through its subscription, a moment later.
            var pool = KeyCluster.Pool(node);
            await Polling.UntilAsync(() => pool.GetStatus(KeyA.Alias).CoolingUntil == longer.CoolingUntil, "every node keeps the longer cooldown");
            Assert.Equal(CooldownReason.RequestsPerMinute, pool.GetStatus(KeyA.Alias).Reason);
        }
    }

    [Fact]
    public async Task A_cooldown_and_a_disable_outlive_every_node_of_the_cluster()
    {
        var revoked = new TestKey("revoked", "org_revoked", "gsk_test_cross_node_revoked_unknown_upstream");
        await using var cluster = await KeyCluster.StartAsync([KeyA, KeyB], [KeyA, KeyB, revoked], nodes: 1);
        var grains = cluster.Nodes[0].Services.GetRequiredService<IGrainFactory>();
        var cooling = await grains.GetGrain<IApiKeyGrain>(KeyA.Alias)
            .ReportOutcomeAsync(new UpstreamOutcome(429, new RateLimitSnapshot { RetryAfter = TimeSpan.FromMinutes(10) }, RpmError));
        await grains.GetGrain<IApiKeyGrain>(revoked.Alias)
            .ReportOutcomeAsync(new UpstreamOutcome(401, null, new UpstreamError("invalid_request_error", "invalid_api_key", RateLimitKind.Unknown, null)));

        await cluster.StopNodeAsync(cluster.Nodes[0]);
        var restarted = await cluster.StartNodeAsync();

        var pool = KeyCluster.Pool(restarted);
        Assert.Equal(cooling.CoolingUntil, pool.GetStatus(KeyA.Alias).CoolingUntil);
        Assert.Equal(CooldownReason.RequestsPerMinute, pool.GetStatus(KeyA.Alias).Reason);
        Assert.True(pool.GetStatus(revoked.Alias).Disabled);
    }
}
