namespace OrleansGroq.Silo.Usage;

/// <summary>The body of <c>GET /admin/usage</c>.</summary>
/// <param name="GroupBy"><c>tenant</c>, <c>model</c>, <c>key</c>, <c>hour</c> or <c>day</c>.</param>
/// <param name="From">The first instant counted (UTC).</param>
/// <param name="To">The end of the span, exclusive (UTC).</param>
/// <param name="Rows">One per group, ordered by group.</param>
public sealed record UsageReport(string GroupBy, DateTime From, DateTime To, IReadOnlyList<UsageReportRow> Rows);
