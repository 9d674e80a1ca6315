using System.Collections.Concurrent;

namespace OrleansGroq.Emulator.Batches;

/// <summary>Batches in memory, each visible only to the organization that created it.</summary>
internal sealed class BatchStore
{
    private readonly ConcurrentDictionary<string, BatchJob> _batches = new(StringComparer.Ordinal);

    public void Add(BatchJob job) => _batches[job.Id] = job;

    public BatchJob? Find(string accountId, string id) =>
        _batches.TryGetValue(id, out var job) && job.AccountId == accountId ? job : null;

    /// <summary>The organization's batches, newest first, after the batch <paramref name="after"/> names.</summary>
    public (IReadOnlyList<BatchJob> Page, bool HasMore) List(string accountId, string? after, int limit)
    {
        // Ids are ULIDs: ordinal order is creation order.
        var newestFirst = _batches.Values.Where(b => b.AccountId == accountId).OrderByDescending(b => b.Id, StringComparer.Ordinal);
        var page = (after is null ? newestFirst : newestFirst.SkipWhile(b => string.CompareOrdinal(b.Id, after) >= 0)).Take(limit + 1).ToList();
        return page.Count > limit ? (page[..limit], true) : (page, false);
    }

    /// <summary>Forgets every batch, stopping those still running.</summary>
    public void Clear()
    {
        foreach (var job in _batches.Values)
        {
            job.Cancellation.Cancel();
        }

        _batches.Clear();
    }
}
