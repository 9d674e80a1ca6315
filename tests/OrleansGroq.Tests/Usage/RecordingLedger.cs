using System.Collections.Concurrent;
using OrleansGroq.Abstractions.Usage;

namespace OrleansGroq.Tests.Usage;

/// <summary>A ledger that keeps what it is given, and can be held shut or made to fail its first writes.</summary>
internal sealed class RecordingLedger : IUsageLedger
{
    private readonly TaskCompletionSource _firstCall = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _calls;

    public ConcurrentQueue<IReadOnlyList<UsageEntry>> Batches { get; } = new();

    public IEnumerable<UsageEntry> Rows => Batches.SelectMany(b => b);

    /// <summary>Writes wait for this before they store anything; completed unless a test holds them.</summary>
    public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>How many of the first writes throw.</summary>
    public int FailFirst { get; init; }

    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Completes when the first write starts.</summary>
    public Task FirstCall => _firstCall.Task;

    public RecordingLedger Open()
    {
        Gate.TrySetResult();
        return this;
    }

    public async Task AppendAsync(IReadOnlyList<UsageEntry> entries, CancellationToken cancellationToken)
    {
        var call = Interlocked.Increment(ref _calls);
        _firstCall.TrySetResult();
        await Gate.Task.WaitAsync(cancellationToken);
        if (call <= FailFirst)
        {
            throw new InvalidOperationException($"write {call} refused");
        }

        Batches.Enqueue([.. entries]);
    }

    public Task<IReadOnlyList<UsageTotals>> AggregateAsync(UsageQuery query, CancellationToken cancellationToken) =>
        throw new NotSupportedException();
}
