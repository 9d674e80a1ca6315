namespace OrleansGroq.Benchmarks.Load;

/// <summary>Collects latencies (microseconds) from many threads and reports percentiles.</summary>
internal sealed class LatencyRecorder(int capacity)
{
    private readonly long[] _micros = new long[capacity];
    private int _count;
    private int _errors;

    public int Count => Math.Min(Volatile.Read(ref _count), _micros.Length);

    public int Errors => Volatile.Read(ref _errors);

    public void Record(TimeSpan latency)
    {
        var slot = Interlocked.Increment(ref _count) - 1;
        if (slot < _micros.Length)
        {
            _micros[slot] = (long)(latency.Ticks / (TimeSpan.TicksPerMillisecond / 1000.0));
        }
    }

    public void RecordError() => Interlocked.Increment(ref _errors);

    public LatencySummary Summarize()
    {
        var sorted = _micros.AsSpan(0, Count).ToArray();
        Array.Sort(sorted);
        return new LatencySummary(sorted.Length, Errors, At(sorted, 0.50), At(sorted, 0.90), At(sorted, 0.99), sorted.Length == 0 ? 0 : sorted[^1] / 1000.0);
    }

    private static double At(long[] sorted, double quantile) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(quantile * sorted.Length))] / 1000.0;
}
