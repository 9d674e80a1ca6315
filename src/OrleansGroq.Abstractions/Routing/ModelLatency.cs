namespace OrleansGroq.Abstractions.Routing;

/// <summary>A model's latency over the statistics window, from its successful attempts.</summary>
/// <param name="Samples">Successful attempts measured.</param>
/// <param name="P50Ms">Median time from sending to the last byte, in milliseconds.</param>
/// <param name="P95Ms">95th percentile of the same.</param>
public readonly record struct ModelLatency(long Samples, double P50Ms, double P95Ms);
