using OrleansGroq.Client;

namespace OrleansGroq.Benchmarks.Batches;

/// <summary>How the followed batch ended.</summary>
/// <param name="Batch">The batch as last read.</param>
/// <param name="Duration">From its creation to the first read that found it finished (or to the give-up).</param>
/// <param name="Finished">Whether it finished before the timeout.</param>
/// <param name="Killed">The silo killed, or null when none was.</param>
/// <param name="PollFailures">Reads of the batch that failed.</param>
/// <param name="LongestRead">
/// The longest read of the batch that succeeded: after a kill, a call to a grain of the killed silo waits until the
/// cluster declares that silo dead.
/// </param>
internal sealed record BatchRun(GatewayBatch Batch, TimeSpan Duration, bool Finished, int? Killed, int PollFailures, TimeSpan LongestRead);
