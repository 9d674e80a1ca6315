using OrleansGroq.Abstractions.Runtime;

namespace OrleansGroq.Tests.Runtime;

public sealed class GrainCollectionTests
{
    private static readonly TimeSpan Safety = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task An_idle_activation_is_collected_and_its_successor_sees_the_flushed_state()
    {
        await using var host = GrainTestHost.Create();
        var grain = host.Grains.GetGrain<ICounterGrain>("c");
        await grain.AddAsync(41);

        await host.CollectIdleAsync();

        Assert.Equal(0, host.Runtime.CountActivations<ICounterGrain>());
        Assert.Equal(1, host.Storage.Writes);
        Assert.Equal(42, await grain.AddAsync(1));
        Assert.Equal(2, await grain.GetActivationIdAsync());
        Assert.Equal(
            ["activate c #1 value=0", $"deactivate c #1 {DeactivationReason.Idle}", "activate c #2 value=41"],
            host.Probe.Events);
    }

    [Fact]
    public async Task An_activation_used_within_the_collection_age_stays()
    {
        await using var host = GrainTestHost.Create();
        var grain = host.Grains.GetGrain<ICounterGrain>("c");
        await grain.AddAsync(1);

        host.Clock.Advance(GrainTestHost.CollectionAge - TimeSpan.FromSeconds(1));
        await grain.AddAsync(1);
        host.Clock.Advance(GrainTestHost.CollectionAge - TimeSpan.FromSeconds(1));
        await host.Runtime.LastCollection;

        Assert.Equal(1, host.Runtime.CountActivations<ICounterGrain>());
        Assert.Equal(1, await grain.GetActivationIdAsync());
        Assert.Equal(0, host.Storage.Writes);
    }

    [Fact]
    public async Task A_clean_activation_is_collected_without_a_write()
    {
        await using var host = GrainTestHost.Create();
        await host.Grains.GetGrain<ICounterGrain>("c").GetAsync();

        await host.CollectIdleAsync();

        Assert.Equal(0, host.Runtime.CountActivations<ICounterGrain>());
        Assert.Equal(0, host.Storage.Writes);
    }

    [Fact]
    public async Task A_busy_activation_is_not_collected()
    {
        await using var host = GrainTestHost.Create();
        var grain = host.Grains.GetGrain<IProbeGrain>("p");
        var blocked = grain.BlockAsync().AsTask();
        await host.Probe.EnteredGate("p").Task.WaitAsync(Safety);

        await host.CollectIdleAsync();
        Assert.Equal(1, host.Runtime.CountActivations<IProbeGrain>());

        host.Probe.Release.SetResult();
        await blocked.WaitAsync(Safety);
        await host.CollectIdleAsync();
        Assert.Equal(0, host.Runtime.CountActivations<IProbeGrain>());
    }

    [Fact]
    public async Task A_call_during_deactivation_waits_for_the_flush_and_lands_on_a_fresh_activation()
    {
        await using var host = GrainTestHost.Create();
        var grain = host.Grains.GetGrain<ICounterGrain>("c");
        await grain.AddAsync(1);

        host.Storage.HoldWrites();
        host.Clock.Advance(GrainTestHost.CollectionAge);
        var racing = grain.AddAsync(1).AsTask();

        Assert.False(racing.IsCompleted);
        host.Storage.ReleaseWrites();
        Assert.Equal(2, await racing.WaitAsync(Safety));
        Assert.Equal(2, await grain.GetActivationIdAsync());
        await host.Runtime.LastCollection;
    }

    [Fact]
    public async Task Calls_racing_repeated_collections_are_never_lost()
    {
        await using var host = GrainTestHost.Create();
        const int Rounds = 200;
        const int CallsPerRound = 8;

        for (var round = 0; round < Rounds; round++)
        {
            var calls = Enumerable.Range(0, CallsPerRound)
                .Select(_ => Task.Run(() => host.Grains.GetGrain<ICounterGrain>("hot").AddAsync(1).AsTask()))
                .ToArray();
            host.Clock.Advance(GrainTestHost.CollectionAge);
            await Task.WhenAll(calls).WaitAsync(Safety);
        }

        await host.CollectIdleAsync();
        var grain = host.Grains.GetGrain<ICounterGrain>("hot");
        Assert.Equal(Rounds * CallsPerRound, await grain.GetAsync());
        Assert.True(await grain.GetActivationIdAsync() > 2, "collections should have happened between rounds");
    }
}
