namespace OrleansGroq.Grains.Statistics;

/// <summary>One model's figures over the window; percentiles and speed are null when nothing measured them.</summary>
/// <param name="Model">The model id.</param>
/// <param name="Requests">Attempts that ended in the window.</param>
/// <param name="Errors">Those that failed.</param>
/// <param name="ErrorRate">Errors over requests; 0 with no requests.</param>
/// <param name="LatencySamples">Successful attempts, the ones timed.</param>
/// <param name="LatencyP50Ms">Median time from sending to the last byte of a successful attempt.</param>
/// <param name="LatencyP95Ms">95th percentile of the same.</param>
/// <param name="TimeToFirstTokenP50Ms">Median time to the first content chunk of a successful stream.</param>
/// <param name="TimeToFirstTokenP95Ms">95th percentile of the same.</param>
/// <param name="OutputTokensPerSecond">Completion tokens over the time their successful attempts took, first-token wait included.</param>
public sealed record ModelStatisticsView(
    string Model,
    long Requests,
    long Errors,
    double ErrorRate,
    long LatencySamples,
    double? LatencyP50Ms,
    double? LatencyP95Ms,
    double? TimeToFirstTokenP50Ms,
    double? TimeToFirstTokenP95Ms,
    double? OutputTokensPerSecond);
