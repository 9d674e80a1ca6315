namespace OrleansGroq.Abstractions.Batches;

/// <summary>
/// One batch of cluster mode (<c>Batches:Mode = cluster</c>), keyed by its id: its status, counts and result files in
/// grain storage, its lines run by the activation, and a reminder that brings it back on a survivor when its silo dies.
/// </summary>
public interface IBatchGrain : IGrainWithStringKey
{
    /// <summary>Creates the batch and starts it; a second call returns the batch as it stands (a replay).</summary>
    ValueTask<BatchView> CreateAsync(BatchSpec spec);

    /// <summary>The batch as it stands, its counts live; null when no batch has this id.</summary>
    ValueTask<BatchView?> GetAsync();

    /// <summary>
    /// Asks the batch to stop: lines not yet started never run, what ran is kept. Returns the batch after the call, or
    /// null when there is no such batch; a finished batch is returned unchanged, and the caller refuses the cancel.
    /// </summary>
    ValueTask<BatchView?> CancelAsync();
}
