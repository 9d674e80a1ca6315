using System.Collections.Concurrent;
using System.Collections.Frozen;
using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Routing;
using OrleansGroq.Abstractions.Statistics;

namespace OrleansGroq.Grains.Statistics;

/// <summary>
/// Seed 002's performance monitor: per model, over a sliding window of <see cref="ModelStatisticsOptions.Window"/>,
/// latency and time-to-first-token percentiles, error rate and output speed, from the attempts this silo made (each
/// silo measures its own; the router on a silo steers by what that silo saw).
/// </summary>
/// <remarks>
/// The router reads a snapshot rebuilt at most once per <see cref="RefreshInterval"/> by whichever request finds it
/// stale, so its hot path is a dictionary lookup: no lock, no allocation, no await.
/// </remarks>
public sealed class ModelStatistics : IModelLatency
{
    /// <summary>How stale the router's snapshot may be.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(1);

    private readonly TimeProvider _time;
    private readonly long _bucketTicks;
    private readonly int _buckets;
    private readonly ConcurrentDictionary<string, ModelWindow> _windows = new(StringComparer.Ordinal);
    private Snapshot _snapshot;
    private int _refreshing;

    public ModelStatistics(IOptions<ModelStatisticsOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var value = options.Value;
        _time = time;
        _bucketTicks = value.Bucket.Ticks;
        _buckets = (int)(value.Window.Ticks / value.Bucket.Ticks);
        Window = value.Window;
        _snapshot = new Snapshot(DateTimeOffset.MinValue, FrozenDictionary<string, ModelLatency>.Empty);
    }

    /// <summary>How far back the figures look.</summary>
    public TimeSpan Window { get; }

    /// <summary>Counts one attempt as it ends. Cheap and thread-safe: one short lock on the model's window.</summary>
    public void Record(in AttemptSample sample)
    {
        var window = _windows.GetOrAdd(sample.Model, static (_, buckets) => new ModelWindow(buckets), _buckets);
        window.Add(CurrentBucket(), sample);
    }

    /// <summary>Every model with an attempt in the window, by id, figured now.</summary>
    public IReadOnlyList<ModelStatisticsView> Read()
    {
        var bucket = CurrentBucket();
        return _windows
            .Select(w => w.Value.Read(w.Key, bucket))
            .Where(v => v.Requests > 0)
            .OrderBy(v => v.Model, StringComparer.Ordinal)
            .ToList();
    }

    bool IModelLatency.TryGetLatency(string modelId, out ModelLatency latency)
    {
        var snapshot = Volatile.Read(ref _snapshot);
        if (_time.GetUtcNow() - snapshot.At >= RefreshInterval)
        {
            snapshot = Refresh() ?? snapshot;
        }

        return snapshot.Latency.TryGetValue(modelId, out latency);
    }

    // One request rebuilds while the others go on with the snapshot they have.
    private Snapshot? Refresh()
    {
        if (Interlocked.CompareExchange(ref _refreshing, 1, 0) != 0)
        {
            return null;
        }

        try
        {
            var at = _time.GetUtcNow();
            var latency = Read()
                .Where(v => v is { LatencyP50Ms: not null, LatencyP95Ms: not null })
                .ToFrozenDictionary(v => v.Model, v => new ModelLatency(v.LatencySamples, v.LatencyP50Ms!.Value, v.LatencyP95Ms!.Value), StringComparer.Ordinal);
            var snapshot = new Snapshot(at, latency);
            Volatile.Write(ref _snapshot, snapshot);
            return snapshot;
        }
        finally
        {
            Volatile.Write(ref _refreshing, 0);
        }
    }

    private long CurrentBucket() => _time.GetUtcNow().UtcTicks / _bucketTicks;

    private sealed record Snapshot(DateTimeOffset At, FrozenDictionary<string, ModelLatency> Latency);
}
