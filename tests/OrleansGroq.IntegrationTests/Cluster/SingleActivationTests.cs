using OrleansGroq.Abstractions.Conversations;
using OrleansGroq.Abstractions.Keys;
using OrleansGroq.Abstractions.Quota;

namespace OrleansGroq.IntegrationTests.Cluster;

/// <summary>In a cluster of three silos, each grain id has one activation, whichever silos call it.</summary>
public sealed class SingleActivationTests(GrainClusterFixture fixture) : IClassFixture<GrainClusterFixture>
{
    private readonly GrainCluster _cluster = fixture.Cluster;

    [Fact]
    public async Task A_key_grain_called_from_every_silo_has_one_activation_and_one_state()
    {
        var alias = _cluster.Keys[0].Alias;
        var states = new List<ApiKeyState>();
        foreach (var silo in _cluster.Silos)
        {
            states.Add(await GrainCluster.Grains(silo).GetGrain<IApiKeyGrain>(alias).GetStateAsync());
        }

        Assert.Equal(1, await _cluster.ActivationsOfAsync(GrainCluster.Grains(_cluster.Silos[0]).GetGrain<IApiKeyGrain>(alias)));
        Assert.All(states, state => Assert.Equal(states[0], state));
    }

    [Fact]
    public async Task A_quota_grain_leased_from_every_silo_has_one_activation_whose_buckets_count_every_lease()
    {
        var key = new QuotaKey("org_single", GrainCluster.Model);
        var limits = new QuotaLimits(60, 0, 0, 0);
        var now = DateTimeOffset.UtcNow;
        var granted = 0L;
        foreach (var silo in _cluster.Silos)
        {
            var lease = await GrainCluster.Grains(silo).GetGrain<IModelQuotaGrain>(key.ToString()).LeaseAsync(limits, new QuotaAsk(10, 0), now);
            granted += lease.GrantedRequests;
        }

        var grain = GrainCluster.Grains(_cluster.Silos[0]).GetGrain<IModelQuotaGrain>(key.ToString());
        var buckets = await grain.ReadAsync(now);
        Assert.Equal(30, granted);
        Assert.Equal(30, buckets!.Available.Rpm);
        Assert.Equal(1, await _cluster.ActivationsOfAsync(grain));
    }

    [Fact]
    public async Task A_conversation_created_on_one_silo_is_the_same_conversation_on_every_other()
    {
        var id = "conv_single_activation";
        await GrainCluster.Grains(_cluster.Silos[0]).GetGrain<IConversationGrain>(id)
            .CreateAsync(new CreateConversation("tenant", GrainCluster.Model, "Be brief.", null));

        foreach (var silo in _cluster.Silos)
        {
            var view = await GrainCluster.Grains(silo).GetGrain<IConversationGrain>(id).GetAsync("tenant");
            Assert.Equal("Be brief.", System.Text.Json.JsonDocument.Parse(view!.Messages[0].Json).RootElement.GetProperty("content").GetString());
        }

        Assert.Equal(1, await _cluster.ActivationsOfAsync(GrainCluster.Grains(_cluster.Silos[2]).GetGrain<IConversationGrain>(id)));
    }
}
