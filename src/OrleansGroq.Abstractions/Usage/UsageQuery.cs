namespace OrleansGroq.Abstractions.Usage;

/// <summary>Which ledger rows to sum, and by what.</summary>
/// <param name="Tenant">Only this tenant's rows, when set.</param>
/// <param name="Model">Only this model's rows, when set.</param>
/// <param name="From">The first instant counted (inclusive).</param>
/// <param name="To">The end of the span (exclusive).</param>
/// <param name="GroupBy">What the rows are summed by.</param>
public sealed record UsageQuery(string? Tenant, string? Model, DateTimeOffset From, DateTimeOffset To, UsageGrouping GroupBy);
