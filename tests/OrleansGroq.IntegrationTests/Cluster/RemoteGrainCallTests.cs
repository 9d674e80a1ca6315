using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.TestingHost;
using OrleansGroq.Abstractions.Conversations;
using OrleansGroq.Abstractions.Keys;
using OrleansGroq.Abstractions.Quota;
using OrleansGroq.Abstractions.Upstream;
using OrleansGroq.IntegrationTests.Infrastructure;

namespace OrleansGroq.IntegrationTests.Cluster;

/// <summary>
/// A key cooldown, a quota reservation and a conversation turn, each made on a silo that does not hold the grain
/// concerned: the call crosses silos and every silo sees the outcome.
/// </summary>
public sealed class RemoteGrainCallTests(GrainClusterFixture fixture) : IClassFixture<GrainClusterFixture>
{
    private static readonly UpstreamError RpmError = new("requests", "rate_limit_exceeded", RateLimitKind.RequestsPerMinute, null);

    private static readonly NewMessage[] Hello = [new("user", """{"role":"user","content":"Hi"}""", 2)];

    private readonly GrainCluster _cluster = fixture.Cluster;

    [Fact]
    public async Task A_429_reported_on_a_silo_without_the_key_grain_cools_the_key_on_every_silo()
    {
        // Every silo's board subscribed to every key at start, so the key grains are active somewhere already.
        var key = new ApiKeyInfo(_cluster.Keys[0].Alias, _cluster.Keys[0].Account);
        var caller = await CallerElsewhereAsync(GrainCluster.Grains(_cluster.Silos[0]).GetGrain<IApiKeyGrain>(key.Alias), grain => grain.GetStateAsync().AsTask());

        var outcome = new UpstreamOutcome(429, new RateLimitSnapshot { RetryAfter = TimeSpan.FromMinutes(5) }, RpmError, GrainCluster.Model);
        var status = await GrainCluster.Services(caller).GetRequiredService<IApiKeyOutcomes>().ReportAsync(key, outcome);

        Assert.Equal(CooldownReason.RequestsPerMinute, status.Reason);
        foreach (var silo in _cluster.Silos)
        {
            var pool = GrainCluster.Services(silo).GetRequiredService<IApiKeyPool>();
            await Polling.UntilAsync(() => !pool.GetStatus(key.Alias).IsAvailableAt(DateTimeOffset.UtcNow, GrainCluster.Model), "every silo's board cools the key");
            Assert.Equal(status.CoolingUntil, pool.GetStatus(key.Alias).CoolingUntil);
        }
    }

    [Fact]
    public async Task A_reservation_on_a_silo_without_the_quota_grain_leases_from_it_and_the_grain_counts_the_slice()
    {
        var key = new QuotaKey("org_remote", GrainCluster.Model);
        var caller = await CallerElsewhereAsync(GrainCluster.Grains(_cluster.Silos[2]).GetGrain<IModelQuotaGrain>(key.ToString()), grain => grain.ReadAsync(DateTimeOffset.UtcNow).AsTask());

        var reservation = await GrainCluster.Services(caller).GetRequiredService<IModelQuotas>().Get(key).TryReserveAsync(new ReserveRequest(100));
        var buckets = await GrainCluster.Grains(_cluster.Silos[0]).GetGrain<IModelQuotaGrain>(key.ToString()).ReadAsync(DateTimeOffset.UtcNow);

        Assert.True(reservation.Granted);
        Assert.Equal(100, reservation.Tokens);
        Assert.True(buckets!.LeasedOut.Rpm >= 1, $"The grain should count the slice leased; it counts {buckets.LeasedOut.Rpm} requests out.");
        Assert.True(buckets.LeasedOut.Tpm >= 100, $"The grain should count the slice leased; it counts {buckets.LeasedOut.Tpm} tokens out.");
    }

    [Fact]
    public async Task A_turn_begun_and_completed_on_a_silo_without_the_conversation_grain_is_stored_for_every_silo()
    {
        var id = "conv_remote";
        var caller = await CallerElsewhereAsync(
            GrainCluster.Grains(_cluster.Silos[0]).GetGrain<IConversationGrain>(id),
            grain => grain.CreateAsync(new CreateConversation("tenant", GrainCluster.Model, null, null)).AsTask());
        var conversation = GrainCluster.Grains(caller).GetGrain<IConversationGrain>(id);

        var request = new TurnRequest("tenant", Hello, null, null);
        var start = await conversation.BeginTurnAsync(request, CancellationToken.None);
        var outcome = await conversation.CompleteTurnAsync(start.TurnId!, start.Context!.Version, request, new TurnReply("""{"role":"assistant","content":"Hello"}""", "k1", 0, 2));

        Assert.Equal(TurnStatus.Started, start.Status);
        Assert.Equal(TurnStatus.Completed, outcome.Status);
        foreach (var silo in _cluster.Silos)
        {
            var view = await GrainCluster.Grains(silo).GetGrain<IConversationGrain>(id).GetAsync("tenant");
            Assert.Equal(["user", "assistant"], view!.Messages.Select(m => m.Role));
            Assert.Equal("k1", view.Conversation.KeyAlias);
        }
    }

    /// <summary>Activates <paramref name="grain"/> with <paramref name="activate"/>, then returns a silo that does not hold it.</summary>
    private async Task<InProcessSiloHandle> CallerElsewhereAsync<TGrain>(TGrain grain, Func<TGrain, Task> activate)
        where TGrain : IAddressable
    {
        await activate(grain);
        var host = await _cluster.HostOfAsync(grain) ?? throw new InvalidOperationException("The grain has no activation.");
        return _cluster.Silos.First(silo => !silo.SiloAddress.Equals(host));
    }
}
