using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Usage;

namespace OrleansGroq.Grains.Usage;

/// <summary>
/// The ledger of a node without PostgreSQL: the last <see cref="UsageLedgerOptions.InMemoryCapacity"/> rows in a ring,
/// oldest out first, summed by a scan. Such a node is one process, so this is all the usage there is, for as long as
/// it runs; <c>GET /admin/usage</c> answers the same shape as with PostgreSQL.
/// </summary>
public sealed class InMemoryUsageLedger : IUsageLedger
{
    private readonly Lock _gate = new();
    private readonly UsageEntry[] _ring;
    private long _written;

    public InMemoryUsageLedger(IOptions<UsageLedgerOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _ring = new UsageEntry[options.Value.InMemoryCapacity];
    }

    public Task AppendAsync(IReadOnlyList<UsageEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        lock (_gate)
        {
            foreach (var entry in entries)
            {
                _ring[_written++ % _ring.Length] = entry;
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<UsageTotals>> AggregateAsync(UsageQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        List<UsageEntry> selected;
        lock (_gate)
        {
            selected = _ring.Take((int)Math.Min(_written, _ring.Length)).Where(e => Selects(query, e)).ToList();
        }

        IReadOnlyList<UsageTotals> totals = selected
            .GroupBy(e => UsageGroups.Of(e, query.GroupBy), StringComparer.Ordinal)
            .Select(g => new UsageTotals(
                g.Key,
                g.LongCount(),
                g.LongCount(e => e.IsError),
                g.Sum(e => e.PromptTokens),
                g.Sum(e => e.CachedTokens),
                g.Sum(e => e.CompletionTokens),
                g.Sum(e => e.CostUsd)))
            .OrderBy(t => t.Group, StringComparer.Ordinal)
            .ToList();
        return Task.FromResult(totals);
    }

    private static bool Selects(UsageQuery query, UsageEntry entry) =>
        entry.OccurredAt >= query.From
        && entry.OccurredAt < query.To
        && (query.Tenant is null || string.Equals(entry.Tenant, query.Tenant, StringComparison.Ordinal))
        && (query.Model is null || string.Equals(entry.Model, query.Model, StringComparison.Ordinal));
}
