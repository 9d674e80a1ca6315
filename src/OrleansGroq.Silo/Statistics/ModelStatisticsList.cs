namespace OrleansGroq.Silo.Statistics;

/// <summary>The body of <c>GET /admin/models</c>: this silo's live statistics per model, over the window.</summary>
public sealed record ModelStatisticsList(long WindowSeconds, IReadOnlyList<ModelStatisticsEntry> Models);
