using System.Collections.Frozen;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Runtime;

namespace OrleansGroq.Grains.Runtime;

/// <summary>
/// The local grain runtime: the grain factory, the catalogs of activations per grain interface, and the timer that
/// collects idle activations. Stopping the host deactivates every activation, flushing its state.
/// </summary>
internal sealed partial class GrainRuntime : IGrainFactory, IHostedService, IAsyncDisposable, IDisposable
{
    private readonly FrozenDictionary<Type, IGrainCatalog> _catalogs;
    private readonly GrainRuntimeOptions _options;
    private readonly ITimer _collectionTimer;
    private Task _lastCollection = Task.CompletedTask;

    // The storage is taken here, unused, so that the container creates it first and disposes it after the runtime
    // has flushed every activation into it.
    public GrainRuntime(
        IEnumerable<GrainRegistration> registrations,
        IServiceScopeFactory scopeFactory,
        IGrainStorage storage,
        TimeProvider clock,
        IOptions<GrainRuntimeOptions> options,
        IMeterFactory meterFactory,
        ILogger<GrainRuntime> logger)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ScopeFactory = scopeFactory;
        Clock = clock;
        Logger = logger;
        _options = options.Value;

        var catalogs = new Dictionary<Type, IGrainCatalog>();
        foreach (var registration in registrations)
        {
            if (!catalogs.TryAdd(registration.InterfaceType, registration.CreateCatalog(this)))
            {
                throw new InvalidOperationException($"Two grain classes are registered for {registration.InterfaceType.Name}.");
            }
        }

        _catalogs = catalogs.ToFrozenDictionary();
        Metrics = new GrainMetrics(meterFactory, _catalogs.Values);
        _collectionTimer = clock.CreateTimer(
            static state => ((GrainRuntime)state!).OnCollectionTimer(), this, _options.CollectionQuantum, _options.CollectionQuantum);
    }

    public TimeProvider Clock { get; }

    public IServiceScopeFactory ScopeFactory { get; }

    public ILogger Logger { get; }

    public GrainMetrics Metrics { get; }

    /// <summary>The deactivations started by the most recent collection pass.</summary>
    public Task LastCollection => Volatile.Read(ref _lastCollection);

    public TGrain GetGrain<TGrain>(string key)
        where TGrain : class, IGrainWithStringKey =>
        _catalogs.TryGetValue(typeof(TGrain), out var catalog)
            ? ((GrainCatalog<TGrain>)catalog).GetReference(key)
            : throw new InvalidOperationException($"No grain class is registered for {typeof(TGrain).Name}; register one with AddGrain.");

    public int CountActivations<TGrain>()
        where TGrain : class, IGrainWithStringKey =>
        _catalogs.TryGetValue(typeof(TGrain), out var catalog) ? catalog.ActivationCount : 0;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => DeactivateAllAsync().WaitAsync(cancellationToken);

    // A container disposed synchronously only stops collection; the host's StopAsync has flushed every activation.
    public void Dispose() => _collectionTimer.Dispose();

    public async ValueTask DisposeAsync()
    {
        await _collectionTimer.DisposeAsync().ConfigureAwait(false);
        await DeactivateAllAsync().ConfigureAwait(false);
    }

    public Task CollectIdleActivationsAsync()
    {
        var now = Clock.GetTimestamp();
        var deactivations = new List<Task>();
        foreach (var catalog in _catalogs.Values)
        {
            catalog.CollectIdle(now, _options.CollectionAge, deactivations);
        }

        if (deactivations.Count > 0)
        {
            Log.Collected(Logger, deactivations.Count);
        }

        return Task.WhenAll(deactivations);
    }

    private void OnCollectionTimer() => Volatile.Write(ref _lastCollection, CollectIdleActivationsAsync());

    private Task DeactivateAllAsync()
    {
        var deactivations = new List<Task>();
        foreach (var catalog in _catalogs.Values)
        {
            catalog.CloseAll(DeactivationReason.ShuttingDown, deactivations);
        }

        return Task.WhenAll(deactivations);
    }
}
