namespace OrleansGroq.Benchmarks.Load;

/// <summary>One request as <see cref="FirstEventProbe"/> timed it.</summary>
internal sealed record ProbeTiming(TimeSpan? FirstEvent, TimeSpan Whole, double? GatewayOverheadMs);
