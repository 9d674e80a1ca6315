using OrleansGroq.Abstractions.Runtime;
using OrleansGroq.Grains.Runtime;

namespace OrleansGroq.Tests.Runtime;

/// <summary>The in-memory storage, with writes that a test can hold to widen a race window, and a write count.</summary>
internal sealed class HoldableGrainStorage : IGrainStorage
{
    private readonly InMemoryGrainStorage _inner = new();
    private TaskCompletionSource? _hold;
    private int _writes;

    public int Writes => Volatile.Read(ref _writes);

    public void HoldWrites() => _hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void ReleaseWrites() => Interlocked.Exchange(ref _hold, null)?.SetResult();

    public Task<StoredGrainState<TState>?> ReadAsync<TState>(GrainId grainId, string stateName, CancellationToken cancellationToken) =>
        _inner.ReadAsync<TState>(grainId, stateName, cancellationToken);

    public async Task<string> WriteAsync<TState>(GrainId grainId, string stateName, TState state, string? expectedETag, CancellationToken cancellationToken)
    {
        if (_hold is { } hold)
        {
            await hold.Task;
        }

        Interlocked.Increment(ref _writes);
        return await _inner.WriteAsync(grainId, stateName, state, expectedETag, cancellationToken);
    }

    public Task ClearAsync(GrainId grainId, string stateName, string? expectedETag, CancellationToken cancellationToken) =>
        _inner.ClearAsync(grainId, stateName, expectedETag, cancellationToken);
}
