namespace OrleansGroq.Silo.Statistics;

/// <summary>Median and 95th percentile in milliseconds; null when nothing was measured.</summary>
public sealed record Percentiles(double? P50, double? P95);
