using Microsoft.Extensions.DependencyInjection;
using OrleansGroq.Abstractions.Runtime;
using OrleansGroq.Grains.Runtime;
using OrleansGroq.Testing;

namespace OrleansGroq.Tests.Runtime;

/// <summary>A grain runtime on a fake clock and a storage whose writes can be held, without a host.</summary>
internal sealed class GrainTestHost : IAsyncDisposable
{
    private GrainTestHost(ServiceProvider services, FakeTimeProvider clock)
    {
        Services = services;
        Clock = clock;
        Runtime = services.GetRequiredService<GrainRuntime>();
        Storage = services.GetRequiredService<HoldableGrainStorage>();
    }

    public ServiceProvider Services { get; }

    public FakeTimeProvider Clock { get; }

    public GrainRuntime Runtime { get; }

    public IGrainFactory Grains => Runtime;

    public HoldableGrainStorage Storage { get; }

    public static readonly TimeSpan CollectionAge = TimeSpan.FromMinutes(15);

    public static readonly TimeSpan CollectionQuantum = TimeSpan.FromMinutes(1);

    public static GrainTestHost Create(Action<IServiceCollection>? configure = null)
    {
        var clock = new FakeTimeProvider();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton<HoldableGrainStorage>();
        services.AddSingleton<IGrainStorage>(provider => provider.GetRequiredService<HoldableGrainStorage>());
        services.AddSingleton<GrainProbe>();
        services.AddGrainRuntime();
        services.Configure<GrainRuntimeOptions>(options =>
        {
            options.CollectionAge = CollectionAge;
            options.CollectionQuantum = CollectionQuantum;
        });
        services.AddGrain<ICounterGrain, CounterGrain, CounterGrainReference>();
        services.AddGrain<IProbeGrain, ProbeGrain, ProbeGrainReference>();
        configure?.Invoke(services);
        return new GrainTestHost(services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true }), clock);
    }

    public GrainProbe Probe => Services.GetRequiredService<GrainProbe>();

    /// <summary>Moves the clock so that every activation idle since now is collected, and waits for the collection.</summary>
    public async Task CollectIdleAsync()
    {
        Clock.Advance(CollectionAge);
        await Runtime.LastCollection;
    }

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}
