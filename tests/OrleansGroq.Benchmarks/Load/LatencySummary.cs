namespace OrleansGroq.Benchmarks.Load;

/// <summary>Percentiles in milliseconds.</summary>
internal sealed record LatencySummary(int Count, int Errors, double P50, double P90, double P99, double Max)
{
    public override string ToString() =>
        $"n={Count} errors={Errors} p50={P50:0.000}ms p90={P90:0.000}ms p99={P99:0.000}ms max={Max:0.000}ms";
}
