using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OrleansGroq.Abstractions.Runtime;

namespace OrleansGroq.Grains.Runtime;

/// <summary>The activations of one grain interface, one per key, created on first call.</summary>
internal sealed class GrainCatalog<TGrain> : IGrainCatalog
    where TGrain : class, IGrainWithStringKey
{
    private readonly ConcurrentDictionary<string, GrainActivation<TGrain>> _activations = new(StringComparer.Ordinal);
    private readonly Func<GrainHandle<TGrain>, TGrain> _createReference;

    public GrainCatalog(GrainRuntime runtime, string grainType, ObjectFactory createGrain, Func<GrainHandle<TGrain>, TGrain> createReference)
    {
        Runtime = runtime;
        GrainType = grainType;
        CreateGrain = createGrain;
        TypeTag = new KeyValuePair<string, object?>(GrainMetrics.GrainTypeTag, grainType);
        _createReference = createReference;
    }

    public string GrainType { get; }

    public int ActivationCount => _activations.Count;

    public GrainRuntime Runtime { get; }

    public ObjectFactory CreateGrain { get; }

    public KeyValuePair<string, object?> TypeTag { get; }

    public TGrain GetReference(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return _createReference(new GrainHandle<TGrain>(this, key));
    }

    public ValueTask<TResult> InvokeAsync<TArg, TResult>(string key, TArg arg, Func<TGrain, TArg, ValueTask<TResult>> call)
    {
        var activation = GetOrAddActivation(key);
        return activation.TryInvoke(arg, call, out var result)
            ? result
            : InvokeAfterDeactivationAsync(activation, arg, call);
    }

    public void Remove(GrainActivation<TGrain> activation) =>
        _activations.TryRemove(new KeyValuePair<string, GrainActivation<TGrain>>(activation.Key, activation));

    public void CollectIdle(long nowTimestamp, TimeSpan collectionAge, List<Task> deactivations)
    {
        foreach (var (_, activation) in _activations)
        {
            if (activation.TryCloseIfIdle(nowTimestamp, collectionAge))
            {
                deactivations.Add(activation.DeactivateAsync());
            }
        }
    }

    public void CloseAll(DeactivationReason reason, List<Task> deactivations)
    {
        foreach (var (_, activation) in _activations)
        {
            activation.Close(reason);
            deactivations.Add(activation.Deactivated);
        }
    }

    // The closed activation stays in the dictionary until its state is flushed, so waiting for it and then
    // looking the key up again yields a fresh activation that reads the flushed state.
    private async ValueTask<TResult> InvokeAfterDeactivationAsync<TArg, TResult>(
        GrainActivation<TGrain> closed, TArg arg, Func<TGrain, TArg, ValueTask<TResult>> call)
    {
        while (true)
        {
            await closed.Deactivated.ConfigureAwait(false);
            var activation = GetOrAddActivation(closed.Key);
            if (activation.TryInvoke(arg, call, out var result))
            {
                return await result.ConfigureAwait(false);
            }

            Debug.Assert(!ReferenceEquals(activation, closed), "A deactivated activation is removed before it reports completion.");
            closed = activation;
        }
    }

    private GrainActivation<TGrain> GetOrAddActivation(string key) =>
        _activations.TryGetValue(key, out var activation)
            ? activation
            : _activations.GetOrAdd(key, static (key, catalog) => new GrainActivation<TGrain>(catalog, key), this);
}
