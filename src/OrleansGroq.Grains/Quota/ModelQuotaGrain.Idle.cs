using OrleansGroq.Abstractions.Quota;
using OrleansGroq.Abstractions.Runtime;

namespace OrleansGroq.Grains.Quota;

/// <summary>Activation, and giving an unused slice back: after a quiet spell and at deactivation.</summary>
internal sealed partial class ModelQuotaGrain
{
    private ModelQuotaGrainReference _self = null!;
    private ITimer? _idleTimer;
    private bool _idleTimerArmed;
    private DateTimeOffset _lastActivity;
    private volatile bool _deactivated;

    Task IGrainBase.OnActivateAsync(CancellationToken cancellationToken)
    {
        _key = QuotaKey.Parse(context.GrainId.Key);
        _configured = _options.LimitsFor(_key.Account, _key.Model);
        _limits = _configured;
        _self = (ModelQuotaGrainReference)grains.GetGrain<IModelQuotaGrain>(context.GrainId.Key);
        return Task.CompletedTask;
    }

    async Task IGrainBase.OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _deactivated = true;
        if (_idleTimer is not null)
        {
            await _idleTimer.DisposeAsync();
        }

        await ReturnSliceAsync(clock.GetUtcNow());
    }

    /// <summary>The idle timer's call, run as a turn like any other so that it never overlaps a reservation.</summary>
    internal async ValueTask ReturnIfIdleAsync()
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

    private void ArmIdleTimer(TimeSpan dueIn)
    {
        if (_idleTimerArmed || _slice.IsZero || _deactivated)
        {
            return;
        }

        _idleTimer ??= clock.CreateTimer(static state => ((ModelQuotaGrain)state!).OnIdleTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _idleTimer.Change(dueIn, Timeout.InfiniteTimeSpan);
        _idleTimerArmed = true;
    }

    // Runs on a timer thread, outside any turn: it touches no state, only sends the grain a call.
    private void OnIdleTimer()
    {
        if (!_deactivated)
        {
            _ = ReturnIfIdleThroughTurnAsync();
        }
    }

    private async Task ReturnIfIdleThroughTurnAsync()
    {
        try
        {
            await _self.ReturnIfIdleAsync();
        }
        catch (Exception exception)
        {
            Log.StoreFailed(logger, _key.Account, _key.Model, "return", exception);
        }
    }

    /// <summary>Gives the slice back, debts included, with any ceilings no lease has carried yet: one statement.</summary>
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
