namespace OrleansGroq.Abstractions.Batches;

/// <summary>
/// The results of cluster-mode batches, one per (batch, <c>custom_id</c>): the record that makes each line's result
/// exactly once. A line counts as done only once its result is here; a line without one is run again, whichever silo
/// ran it before.
/// </summary>
public interface IBatchResultStore
{
    /// <summary>Records a line's result; false (and nothing changes) when the line has one already.</summary>
    Task<bool> RecordAsync(string batchId, BatchResult result, CancellationToken cancellationToken);

    /// <summary>The lines of a batch that have a result, and how each ended.</summary>
    Task<IReadOnlyDictionary<string, BatchOutcome>> OutcomesAsync(string batchId, CancellationToken cancellationToken);

    /// <summary>The output file's content (<paramref name="errors"/> false) or the error file's, in the order the lines finished.</summary>
    Task<byte[]> ReadLinesAsync(string batchId, bool errors, CancellationToken cancellationToken);
}
