using System.Collections.Concurrent;
using OrleansGroq.Silo.Telemetry;

namespace OrleansGroq.IntegrationTests.Telemetry;

/// <summary>Keeps every attempt record the gateway raises, in the order raised.</summary>
internal sealed class AttemptRecorder : IUpstreamAttemptObserver
{
    private readonly ConcurrentQueue<UpstreamAttemptRecord> _records = new();

    public IReadOnlyList<UpstreamAttemptRecord> Records => [.. _records];

    public void OnAttempt(UpstreamAttemptRecord attempt) => _records.Enqueue(attempt);

    /// <summary>Waits until <paramref name="count"/> records have been raised, then returns them.</summary>
    public async Task<IReadOnlyList<UpstreamAttemptRecord>> WaitForAsync(int count)
    {
        // A streamed answer's record is raised as its relay ends, which may be just after the client read [DONE].
        await Infrastructure.Polling.UntilAsync(() => _records.Count >= count, $"{count} attempt records raised");
        return Records;
    }
}
