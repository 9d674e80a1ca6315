using System.Collections.Concurrent;

namespace OrleansGroq.Grains.Conversations;

/// <summary>
/// Hands this silo's conversations over to the other silos before it leaves the cluster (a rolling restart). Orleans'
/// own leave deactivates every grain at once, and a conversation's running turn lives only in its activation's
/// memory: the LLM call runs on a front end, with no grain call open, so the turn's completion would reach an
/// activation that is stopping and could not take it. In RollingRestartTests about one turn in 1,800 failed so, and
/// one run in nine hung until its turn lease ran out, its completion held behind a stopping activation whose queued
/// turns waited for that same completion. Told to leave, each conversation finishes its running and queued turns
/// here, then deactivates; its next call activates it on another silo (<see cref="NotOnLeavingSiloAttribute"/> keeps it
/// off this one).
/// </summary>
public sealed class ConversationHandover
{
    private readonly ConcurrentDictionary<object, Action> _residents = new(ReferenceEqualityComparer.Instance);
    private readonly TaskCompletionSource _gone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _leaving;

    /// <summary>Whether this silo is leaving: conversations are no longer placed on it, and those on it leave once idle.</summary>
    public bool IsLeaving => _leaving;

    /// <summary>How many conversations are active on this silo.</summary>
    public int Residents => _residents.Count;

    /// <summary>
    /// Tells every conversation active here, and any activated here from now on, to leave once its turns have ended,
    /// and waits until none is left or <paramref name="cancellationToken"/> gives up; true when none is left.
    /// </summary>
    public async Task<bool> HandOverAsync(CancellationToken cancellationToken)
    {
        _leaving = true;
        foreach (var leave in _residents.Values)
        {
            leave();
        }

        if (_residents.IsEmpty)
        {
            _gone.TrySetResult();
        }

        try
        {
            await _gone.Task.WaitAsync(cancellationToken);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Records an activated conversation and how to tell it to leave (at once, if the silo is leaving).</summary>
    /// <param name="leave">Callable from any thread, more than once.</param>
    internal void Arrive(object conversation, Action leave)
    {
        _residents[conversation] = leave;
        if (_leaving)
        {
            leave();
        }
    }

    /// <summary>Forgets a deactivated conversation.</summary>
    internal void Depart(object conversation)
    {
        if (_residents.TryRemove(conversation, out _) && _leaving && _residents.IsEmpty)
        {
            _gone.TrySetResult();
        }
    }
}
