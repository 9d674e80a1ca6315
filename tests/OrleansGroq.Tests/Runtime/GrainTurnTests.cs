namespace OrleansGroq.Tests.Runtime;

public sealed class GrainTurnTests
{
    private static readonly TimeSpan Safety = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Concurrent_calls_on_one_grain_never_overlap()
    {
        await using var host = GrainTestHost.Create();
        var grain = host.Grains.GetGrain<IProbeGrain>("one");

        var calls = Enumerable.Range(0, 64).Select(_ => Task.Run(() => grain.RunAsync(yields: 3).AsTask())).ToArray();
        var results = await Task.WhenAll(calls).WaitAsync(Safety);

        Assert.Equal(1, await grain.GetMaxConcurrencyAsync());
        Assert.Equal(Enumerable.Range(1, 64), results.Order());
    }

    [Fact]
    public async Task Concurrent_increments_through_fresh_references_lose_nothing()
    {
        await using var host = GrainTestHost.Create();

        var calls = Enumerable.Range(0, 64)
            .Select(_ => Task.Run(() => host.Grains.GetGrain<ICounterGrain>("shared").AddAsync(1).AsTask()))
            .ToArray();
        await Task.WhenAll(calls).WaitAsync(Safety);

        Assert.Equal(64, await host.Grains.GetGrain<ICounterGrain>("shared").GetAsync());
        Assert.Equal(1, host.Runtime.CountActivations<ICounterGrain>());
    }

    [Fact]
    public async Task Different_keys_run_in_parallel()
    {
        await using var host = GrainTestHost.Create();

        // Each call holds its turn until released: both can only enter if the two activations run side by side.
        var first = host.Grains.GetGrain<IProbeGrain>("a").BlockAsync().AsTask();
        var second = host.Grains.GetGrain<IProbeGrain>("b").BlockAsync().AsTask();
        await Task.WhenAll(host.Probe.EnteredGate("a").Task, host.Probe.EnteredGate("b").Task).WaitAsync(Safety);

        host.Probe.Release.SetResult();
        await Task.WhenAll(first, second).WaitAsync(Safety);
    }

    [Fact]
    public async Task A_queued_call_waits_for_the_blocked_turn()
    {
        await using var host = GrainTestHost.Create();
        var grain = host.Grains.GetGrain<IProbeGrain>("a");

        var blocked = grain.BlockAsync().AsTask();
        await host.Probe.EnteredGate("a").Task.WaitAsync(Safety);
        var queued = grain.RunAsync(yields: 0).AsTask();

        Assert.False(queued.IsCompleted);
        host.Probe.Release.SetResult();
        Assert.Equal(1, await queued.WaitAsync(Safety));
        await blocked;
    }

    [Fact]
    public async Task An_exception_reaches_the_caller_and_the_next_turn_runs()
    {
        await using var host = GrainTestHost.Create();
        var grain = host.Grains.GetGrain<ICounterGrain>("c");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.FailAsync("boom").AsTask());

        Assert.Equal("boom", error.Message);
        Assert.Equal(1, await grain.AddAsync(1));
    }

    [Fact]
    public async Task Queued_calls_that_throw_do_not_stall_the_queue()
    {
        await using var host = GrainTestHost.Create();
        var grain = host.Grains.GetGrain<ICounterGrain>("c");

        var calls = Enumerable.Range(0, 32)
            .Select(i => i % 2 == 0 ? grain.AddAsync(1).AsTask() : grain.FailAsync("odd").AsTask())
            .ToArray();
        await Task.WhenAll(calls).ContinueWith(static _ => { }, TaskScheduler.Default).WaitAsync(Safety);

        Assert.Equal(16, calls.Count(call => call.IsCompletedSuccessfully));
        Assert.Equal(16, calls.Count(call => call.IsFaulted));
        Assert.Equal(16, await grain.GetAsync());
    }

    [Fact]
    public async Task Each_interface_and_key_has_one_activation()
    {
        await using var host = GrainTestHost.Create();

        await host.Grains.GetGrain<ICounterGrain>("x").AddAsync(1);
        await host.Grains.GetGrain<ICounterGrain>("x").AddAsync(1);
        await host.Grains.GetGrain<ICounterGrain>("y").AddAsync(1);
        await host.Grains.GetGrain<IProbeGrain>("x").RunAsync(0);

        Assert.Equal(2, host.Runtime.CountActivations<ICounterGrain>());
        Assert.Equal(1, host.Runtime.CountActivations<IProbeGrain>());
        Assert.Equal(2, await host.Grains.GetGrain<ICounterGrain>("x").GetAsync());
    }
}
