namespace OrleansGroq.Silo.Shutdown;

/// <summary>
/// The node's requests in progress, and whether it is draining: once it is, no request is admitted any more and the
/// node waits for the admitted ones to end. Counted with one interlocked integer, so that admission costs no lock.
/// </summary>
internal sealed class NodeDrain
{
    private readonly TaskCompletionSource _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight;
    private volatile bool _draining;

    /// <summary>Whether the node has begun to stop: readiness fails and new requests are refused.</summary>
    public bool IsDraining => _draining;

    /// <summary>Requests admitted and not yet ended.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Admits a request unless the node is draining; an admitted request must be ended with <see cref="Exit"/>.</summary>
    public bool TryEnter()
    {
        Interlocked.Increment(ref _inFlight);
        if (!_draining)
        {
            return true;
        }

        // The drain began between the count and the check: this request was never admitted.
        Exit();
        return false;
    }

    /// <summary>Ends an admitted request.</summary>
    public void Exit()
    {
        if (Interlocked.Decrement(ref _inFlight) == 0 && _draining)
        {
            _idle.TrySetResult();
        }
    }

    /// <summary>Refuses every later request and returns a task that completes when the admitted ones have ended.</summary>
    public Task BeginAsync()
    {
        _draining = true;
        if (InFlight == 0)
        {
            _idle.TrySetResult();
        }

        return _idle.Task;
    }
}
