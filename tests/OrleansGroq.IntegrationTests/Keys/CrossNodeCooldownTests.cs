using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OrleansGroq.Abstractions.Keys;
using OrleansGroq.Abstractions.Runtime;
using OrleansGroq.Abstractions.Upstream;
using OrleansGroq.IntegrationTests.Infrastructure;
using OrleansGroq.Persistence.PostgreSql.Keys;
using Xunit.Abstractions;

namespace OrleansGroq.IntegrationTests.Keys;

/// <summary>Two or three gateway nodes on one database and one emulator: a cooldown learned on one node holds on all.</summary>
public sealed class CrossNodeCooldownTests(ITestOutputHelper output)
{
    private static readonly TestKey KeyA = new("a1", "org_a", "gsk_test_cross_node_account_a");
    private static readonly TestKey KeyB = new("b1", "org_b", "gsk_test_cross_node_account_b");
    private static readonly UpstreamError RpmError = new("requests", "rate_limit_exceeded", RateLimitKind.RequestsPerMinute, null);
    private static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task A_429_on_one_node_stops_the_other_node_using_the_key_within_100_ms()
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
        Assert.True(afterResponse < Budget, $"Node B learned the cooldown {afterResponse.TotalMilliseconds:F1} ms after node A's response.");
        Assert.True(aToB < Budget, $"Node B learned the cooldown {aToB.TotalMilliseconds:F1} ms after node A.");

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
        Assert.IsType<PostgresApiKeyStateSync>(nodeB.Services.GetRequiredService<IApiKeyStateSync>());
    }

    [Fact]
    public async Task A_node_started_after_a_cooldown_and_a_disable_were_published_knows_both_before_its_first_request()
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
        await using var dataSource = NpgsqlDataSource.Create(cluster.Database);
        await Polling.UntilAsync(async () => await CountRowsAsync(dataSource) == 2, "both changes stored");

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
    public async Task A_shorter_cooldown_published_later_by_another_node_does_not_shorten_a_longer_one()
    {
        await using var cluster = await KeyCluster.StartAsync([KeyA, KeyB]);
        var (nodeA, nodeB) = (cluster.Nodes[0], cluster.Nodes[1]);
        var longer = await nodeA.Services.GetRequiredService<IGrainFactory>().GetGrain<IApiKeyGrain>(KeyA.Alias)
            .ReportOutcomeAsync(new UpstreamOutcome(429, new RateLimitSnapshot { RetryAfter = TimeSpan.FromMinutes(10) }, RpmError));
        await Polling.UntilAsync(() => KeyCluster.Pool(nodeB).GetStatus(KeyA.Alias).CoolingUntil is not null, "node B learns the longer cooldown");

        // Node B learned a shorter cooldown of its own, from a 429 that raced node A's, and publishes it afterwards.
        var syncB = nodeB.Services.GetRequiredService<IApiKeyStateSync>();
        await syncB.PublishAsync(KeyA.Alias, new ApiKeyStateChange(DateTimeOffset.UtcNow.AddSeconds(5), CooldownReason.TokensPerMinute, false), default);
        var onB = await nodeB.Services.GetRequiredService<IGrainFactory>().GetGrain<IApiKeyGrain>(KeyA.Alias)
            .ReportOutcomeAsync(new UpstreamOutcome(429, new RateLimitSnapshot { RetryAfter = TimeSpan.FromSeconds(5) }, RpmError));

        // Notifications arrive in commit order: once this later one is seen everywhere, so was the shorter cooldown.
        await syncB.PublishAsync(KeyB.Alias, new ApiKeyStateChange(DateTimeOffset.UtcNow.AddSeconds(1), CooldownReason.RetryAfter, false), default);
        foreach (var node in cluster.Nodes)
        {
            await Polling.UntilAsync(() => KeyCluster.Pool(node).GetStatus(KeyB.Alias).CoolingUntil is not null, "every node sees the marker");
        }

        // The store keeps microseconds, so a node that learned a deadline from it may hold it up to 1 µs earlier.
        Assert.InRange((longer.CoolingUntil!.Value - onB.CoolingUntil!.Value).Duration(), TimeSpan.Zero, TimeSpan.FromMicroseconds(1));
        foreach (var node in cluster.Nodes)
        {
            var status = KeyCluster.Pool(node).GetStatus(KeyA.Alias);
            Assert.InRange((longer.CoolingUntil!.Value - status.CoolingUntil!.Value).Duration(), TimeSpan.Zero, TimeSpan.FromMicroseconds(1));
            Assert.Equal(CooldownReason.RequestsPerMinute, status.Reason);
        }

        await using var dataSource = NpgsqlDataSource.Create(cluster.Database);
        await using var command = dataSource.CreateCommand("SELECT cooling_until, reason FROM api_key_state WHERE alias = 'a1'");
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.InRange((longer.CoolingUntil!.Value - reader.GetFieldValue<DateTimeOffset>(0)).Duration(), TimeSpan.Zero, TimeSpan.FromMicroseconds(1));
        Assert.Equal("requests_per_minute", reader.GetString(1));
    }

    private static async Task<long> CountRowsAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM api_key_state");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
