using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using OrleansGroq.Abstractions.Quota;

namespace OrleansGroq.Grains.Quota;

/// <summary>
/// This silo's slices, one per account and model, made on first use and kept for the silo's life (there are only
/// accounts times models of them). When the silo stops, while the cluster still answers, each gives its slice back.
/// </summary>
internal sealed class ModelQuotas(
    IQuotaLeaseStore store,
    QuotaHeadroom headroom,
    IOptions<QuotaOptions> options,
    TimeProvider clock,
    ILogger<ModelQuota> logger) : IModelQuotas, ILifecycleParticipant<ISiloLifecycle>
{
    private readonly ConcurrentDictionary<QuotaKey, ModelQuota> _slices = new();

    public IReadOnlyCollection<IModelQuota> All => [.. _slices.Values];

    public IModelQuota Get(QuotaKey key) =>
        _slices.TryGetValue(key, out var slice) ? slice : _slices.GetOrAdd(key, Create);

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(ModelQuotas), ServiceLifecycleStage.Active, _ => Task.CompletedTask, StopAsync);

    private ModelQuota Create(QuotaKey key) => new(key, store, headroom, options, clock, logger);

    private Task StopAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_slices.Values.Select(slice => slice.StopAsync())).WaitAsync(cancellationToken);
}
