using System.Collections.Concurrent;
using OrleansGroq.Abstractions.Batches;

namespace OrleansGroq.Grains.Batches;

/// <summary>The results of cluster-mode batches on a node without a database: in this process, in the order they were recorded.</summary>
public sealed class InMemoryBatchResultStore : IBatchResultStore
{
    private readonly ConcurrentDictionary<string, Results> _batches = new(StringComparer.Ordinal);

    public Task<bool> RecordAsync(string batchId, BatchResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        var results = _batches.GetOrAdd(batchId, _ => new Results());
        lock (results)
        {
            if (!results.Outcomes.TryAdd(result.CustomId, result.Outcome))
            {
                return Task.FromResult(false);
            }

            results.InOrder.Add(result);
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyDictionary<string, BatchOutcome>> OutcomesAsync(string batchId, CancellationToken cancellationToken)
    {
        if (!_batches.TryGetValue(batchId, out var results))
        {
            return Task.FromResult<IReadOnlyDictionary<string, BatchOutcome>>(new Dictionary<string, BatchOutcome>());
        }

        lock (results)
        {
            return Task.FromResult<IReadOnlyDictionary<string, BatchOutcome>>(new Dictionary<string, BatchOutcome>(results.Outcomes, StringComparer.Ordinal));
        }
    }

    public Task<byte[]> ReadLinesAsync(string batchId, bool errors, CancellationToken cancellationToken)
    {
        if (!_batches.TryGetValue(batchId, out var results))
        {
            return Task.FromResult(Array.Empty<byte>());
        }

        lock (results)
        {
            return Task.FromResult(results.InOrder.Where(r => (r.Outcome != BatchOutcome.Completed) == errors).SelectMany(r => r.Line).ToArray());
        }
    }

    private sealed class Results
    {
        public Dictionary<string, BatchOutcome> Outcomes { get; } = new(StringComparer.Ordinal);

        public List<BatchResult> InOrder { get; } = [];
    }
}
