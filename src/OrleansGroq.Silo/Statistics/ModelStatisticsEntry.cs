namespace OrleansGroq.Silo.Statistics;

/// <summary>One model in <c>GET /admin/models</c>; see <see cref="Grains.Statistics.ModelStatisticsView"/> for what each figure measures.</summary>
public sealed record ModelStatisticsEntry(
    string Model,
    long Requests,
    long Errors,
    double ErrorRate,
    Percentiles LatencyMs,
    Percentiles TtftMs,
    double? OutputTokensPerSecond);
