using OrleansGroq.Client;

namespace OrleansGroq.Benchmarks.Batches;

/// <summary>How the followed batch ended.</summary>
/// <param name="Batch">The batch as last read.</param>
/// <param name="Duration">From its creation to the first read that found it finished (or to the give-up).</param>
/// <param name="Finished">Whether it finished before the timeout.</param>
/// <param name="Killed">The silo killed, or null when none was.</param>
/// <param name="PollFailures">Reads of the batch that failed (a killed silo's grains are unreachable until the cluster declares it dead).</param>
internal sealed record BatchRun(GatewayBatch Batch, TimeSpan Duration, bool Finished, int? Killed, int PollFailures);
