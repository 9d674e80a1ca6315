namespace OrleansGroq.Grains.Statistics;

/// <summary>
/// One model's sliding window: a ring of buckets plus their running total, so that an attempt costs one bucket update
/// and a read one walk of the total, whatever the traffic. Guarded by its own lock, never held across an await.
/// </summary>
internal sealed class ModelWindow
{
    private readonly Lock _gate = new();
    private readonly WindowCounts[] _ring;
    private readonly WindowCounts _total = new();
    private long _newest = long.MinValue;

    public ModelWindow(int buckets)
    {
        _ring = new WindowCounts[buckets];
        for (var i = 0; i < buckets; i++)
        {
            _ring[i] = new WindowCounts();
        }
    }

    /// <summary>Counts an attempt that ended in bucket number <paramref name="bucket"/> (time divided by bucket length).</summary>
    public void Add(long bucket, in AttemptSample sample)
    {
        var latencyBin = LatencyHistogram.Bin(sample.Duration.TotalMilliseconds);
        int? firstTokenBin = sample.TimeToFirstToken is { } firstToken ? LatencyHistogram.Bin(firstToken.TotalMilliseconds) : null;
        lock (_gate)
        {
            Advance(bucket);
            _ring[Slot(_newest)].Add(sample, latencyBin, firstTokenBin);
            _total.Add(sample, latencyBin, firstTokenBin);
        }
    }

    /// <summary>The window as it stands at bucket number <paramref name="bucket"/>.</summary>
    public ModelStatisticsView Read(string model, long bucket)
    {
        lock (_gate)
        {
            Advance(bucket);
            var total = _total;
            return new ModelStatisticsView(
                model,
                total.Requests,
                total.Errors,
                total.Requests == 0 ? 0 : (double)total.Errors / total.Requests,
                total.Latency.Count,
                total.Latency.Percentile(0.5),
                total.Latency.Percentile(0.95),
                total.TimeToFirstToken.Percentile(0.5),
                total.TimeToFirstToken.Percentile(0.95),
                total.CompletionSeconds > 0 ? Math.Round(total.CompletionTokens / total.CompletionSeconds, 1) : null);
        }
    }

    // Buckets that fell out of the window leave the total and are emptied for reuse; a clock that went back keeps the newest.
    private void Advance(long bucket)
    {
        if (bucket <= _newest)
        {
            return;
        }

        if (_newest != long.MinValue)
        {
            var leaving = Math.Min(bucket - _newest, _ring.Length);
            for (long i = 1; i <= leaving; i++)
            {
                var slot = _ring[Slot(_newest + i)];
                _total.Subtract(slot);
                slot.Clear();
            }
        }

        _newest = bucket;
    }

    private int Slot(long bucket) => (int)(bucket % _ring.Length);
}
