using Microsoft.Extensions.DependencyInjection;
using OrleansGroq.Abstractions.Runtime;
using OrleansGroq.Grains.Runtime;

namespace OrleansGroq.Tests.Runtime;

public sealed class GrainActivationTests
{
    [Fact]
    public async Task A_failed_activation_fails_the_call_and_the_next_call_activates_again()
    {
        await using var host = GrainTestHost.Create();
        host.Probe.FailActivations = 1;
        var grain = host.Grains.GetGrain<ICounterGrain>("c");

        await Assert.ThrowsAsync<InvalidOperationException>(() => grain.GetAsync().AsTask());

        Assert.Equal(1, await grain.AddAsync(1));
        Assert.Equal(1, await grain.GetActivationIdAsync());
    }

    [Fact]
    public async Task Grain_reference_names_its_grain()
    {
        await using var host = GrainTestHost.Create();

        var grain = host.Grains.GetGrain<ICounterGrain>("key-1");

        Assert.Equal("CounterGrain/key-1", grain.ToString());
    }

    [Fact]
    public async Task An_unregistered_interface_is_an_error_naming_it()
    {
        await using var host = GrainTestHost.Create();

        var error = Assert.Throws<InvalidOperationException>(() => host.Grains.GetGrain<IUnregisteredGrain>("k"));

        Assert.Contains(nameof(IUnregisteredGrain), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_key_is_rejected()
    {
        await using var host = GrainTestHost.Create();

        Assert.Throws<ArgumentException>(() => host.Grains.GetGrain<ICounterGrain>(""));
    }

    [Fact]
    public async Task Explicit_writes_reach_storage_before_deactivation()
    {
        await using var host = GrainTestHost.Create();
        var grain = host.Grains.GetGrain<ICounterGrain>("c");

        await grain.AddAsync(5);
        Assert.Equal(0, host.Storage.Writes);
        await grain.SaveAsync();

        Assert.Equal(1, host.Storage.Writes);
        var stored = await host.Storage.ReadAsync<CounterState>(new GrainId("CounterGrain", "c"), nameof(CounterState), default);
        Assert.Equal(5, stored!.State.Value);
    }

    [Fact]
    public async Task Stopping_the_runtime_deactivates_and_flushes_every_activation()
    {
        await using var host = GrainTestHost.Create();
        await host.Grains.GetGrain<ICounterGrain>("a").AddAsync(1);
        await host.Grains.GetGrain<ICounterGrain>("b").AddAsync(2);

        await host.Runtime.StopAsync(default);

        Assert.Equal(0, host.Runtime.CountActivations<ICounterGrain>());
        Assert.Contains(host.Probe.Events, e => e == $"deactivate a #1 {DeactivationReason.ShuttingDown}");
        var stored = await host.Storage.ReadAsync<CounterState>(new GrainId("CounterGrain", "b"), nameof(CounterState), default);
        Assert.Equal(2, stored!.State.Value);
    }

    [Fact]
    public async Task Two_grain_classes_for_one_interface_are_rejected()
    {
        var services = new ServiceCollection()
            .AddGrainRuntime()
            .AddGrain<ICounterGrain, CounterGrain, CounterGrainReference>()
            .AddGrain<ICounterGrain, OtherCounterGrain, CounterGrainReference>();
        await using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IGrainFactory>());

        Assert.Contains(nameof(ICounterGrain), error.Message, StringComparison.Ordinal);
    }

    public interface IUnregisteredGrain : IGrainWithStringKey;

    private sealed class OtherCounterGrain : ICounterGrain
    {
        public ValueTask<int> AddAsync(int amount) => default;

        public ValueTask<int> GetAsync() => default;

        public ValueTask<int> GetActivationIdAsync() => default;

        public ValueTask SaveAsync() => default;

        public ValueTask<int> FailAsync(string message) => default;
    }
}
