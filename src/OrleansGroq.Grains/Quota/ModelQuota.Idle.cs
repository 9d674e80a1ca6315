using OrleansGroq.Abstractions.Quota;

namespace OrleansGroq.Grains.Quota;

/// <summary>Giving an unused slice back: after a quiet spell, and when the silo stops.</summary>
internal sealed partial class ModelQuota
{
    private ITimer? _idleTimer;
    private bool _idleTimerArmed;
    private DateTimeOffset _lastActivity;
    private volatile bool _stopped;

    /// <summary>Returns the slice and stops the idle timer; the silo is stopping.</summary>
    public async Task StopAsync()
    {
        using (await _turn.EnterAsync())
        {
            _stopped = true;
            if (_idleTimer is not null)
            {
                await _idleTimer.DisposeAsync();
            }

            await ReturnSliceAsync(clock.GetUtcNow());
        }
    }

    /// <summary>The idle timer's work, run as a turn like any other so that it never overlaps a reservation.</summary>
    internal async Task ReturnIfIdleAsync()
    {
        using (await _turn.EnterAsync())
        {
            _idleTimerArmed = false;
            var quiet = clock.GetUtcNow() - _lastActivity;
            if (quiet < _options.IdleReturnAfter)
            {
                ArmIdleTimer(_options.IdleReturnAfter - quiet);
                return;
            }

            await ReturnSliceAsync(clock.GetUtcNow());
        }
    }

    private void ArmIdleTimer(TimeSpan dueIn)
    {
        if (_idleTimerArmed || _slice.IsZero || _stopped)
        {
            return;
        }

        _idleTimer ??= clock.CreateTimer(static state => ((ModelQuota)state!).OnIdleTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _idleTimer.Change(dueIn, Timeout.InfiniteTimeSpan);
        _idleTimerArmed = true;
    }

    // Runs on a timer thread, outside any turn: it only queues the turn that does the work.
    private void OnIdleTimer()
    {
        if (!_stopped)
        {
            _ = ReturnIfIdleSafelyAsync();
        }
    }

    private async Task ReturnIfIdleSafelyAsync()
    {
        try
        {
            await ReturnIfIdleAsync();
        }
        catch (Exception exception)
        {
            Log.StoreFailed(logger, _key.Account, _key.Model, "return", exception);
        }
    }

    /// <summary>Gives the slice back, debts included, with any ceilings no lease has carried yet: one call.</summary>
    private async Task ReturnSliceAsync(DateTimeOffset now)
    {
        if (_slice.IsZero && _pending.IsEmpty)
        {
            return;
        }

        var slice = _slice;
        var ceilings = _pending.Take(_limits, now);
        _storeStatements++;
        try
        {
            Adopt(await store.ReturnAsync(_key, _limits, new QuotaReturn(slice.Requests, slice.Tokens, ceilings), now, CancellationToken.None), now);
        }
        catch (Exception exception)
        {
            KeepPending(ceilings, now);
            ArmIdleTimer(_options.IdleReturnAfter);
            Log.StoreFailed(logger, _key.Account, _key.Model, "return", exception);
            return;
        }

        _slice = QuotaAmount.Zero;
        _returnedRequests += slice.Requests;
        _returnedTokens += slice.Tokens;
    }
}
