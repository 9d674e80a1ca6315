namespace OrleansGroq.Grains.Conversations;

/// <summary>
/// Admits a conversation's turns one at a time, in arrival order: the running turn holds the conversation and up to
/// <c>capacity</c> others wait behind it. Used only on its grain's scheduler, so it needs no lock; a cancellation,
/// which may arrive on any thread, only completes its waiter's task, and the waiter leaves the line on the grain.
/// </summary>
internal sealed class TurnQueue(int capacity)
{
    private readonly LinkedList<TaskCompletionSource> _waiting = [];
    private bool _held;

    /// <summary>Whether a turn holds the conversation (others may wait behind it).</summary>
    public bool IsHeld => _held;

    /// <summary>How many turns wait behind the running one.</summary>
    public int Waiting => _waiting.Count;

    /// <summary>Takes the conversation if no turn holds it or waits for it.</summary>
    public bool TryEnter()
    {
        if (_held)
        {
            return false;
        }

        _held = true;
        return true;
    }

    /// <summary>Waits until every turn that arrived earlier has left; false at once when the line is full.</summary>
    /// <exception cref="OperationCanceledException">The caller gave up waiting; it holds nothing.</exception>
    public async ValueTask<bool> EnterAsync(CancellationToken cancellationToken)
    {
        if (!_held)
        {
            _held = true;
            return true;
        }

        if (_waiting.Count >= capacity)
        {
            return false;
        }

        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var node = _waiting.AddLast(waiter);
        await using var registration = cancellationToken.Register(static w => ((TaskCompletionSource)w!).TrySetCanceled(), waiter);
        try
        {
            await waiter.Task;
            return true;
        }
        catch (OperationCanceledException)
        {
            if (node.List is not null)
            {
                _waiting.Remove(node);
            }

            throw;
        }
    }

    /// <summary>Hands the conversation to the turn that has waited longest, or frees it when none waits.</summary>
    public void Exit()
    {
        // A waiter whose caller cancelled may still be in line, its task already cancelled: it is passed over.
        while (_waiting.First is { } first)
        {
            _waiting.RemoveFirst();
            if (first.Value.TrySetResult())
            {
                return;
            }
        }

        _held = false;
    }
}
