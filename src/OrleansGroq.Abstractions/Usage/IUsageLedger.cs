namespace OrleansGroq.Abstractions.Usage;

/// <summary>
/// Where usage rows are kept: PostgreSQL when configured, else a bounded ledger in this process's memory. Written in
/// batches by one writer off the request path; read by <c>GET /admin/usage</c>.
/// </summary>
public interface IUsageLedger
{
    /// <summary>Stores a batch of rows; throws when the store cannot take them, so the writer may try again.</summary>
    Task AppendAsync(IReadOnlyList<UsageEntry> entries, CancellationToken cancellationToken);

    /// <summary>The sums of the rows <paramref name="query"/> selects, one per group, ordered by group (ordinal).</summary>
    Task<IReadOnlyList<UsageTotals>> AggregateAsync(UsageQuery query, CancellationToken cancellationToken);
}
