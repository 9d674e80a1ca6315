using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Keys;
using OrleansGroq.Abstractions.Runtime;
using OrleansGroq.Abstractions.Upstream;

namespace OrleansGroq.Grains.Keys;

/// <summary>
/// One upstream key's health. Cooldown and disable changes are written at once and published to the other nodes,
/// since they must learn them; the last rate-limit headers change on every response, stay on this node and are only
/// flushed when the activation is collected. Every change is published to the key pool's status board, which
/// request routing reads without a grain call.
/// </summary>
internal sealed partial class ApiKeyGrain(
    IGrainContext context,
    IPersistentState<ApiKeyState> state,
    ApiKeyRegistry registry,
    IApiKeyStateSync sync,
    IOptions<ApiKeyPoolOptions> options,
    TimeProvider clock,
    ILogger<ApiKeyGrain> logger) : IApiKeyGrain, IGrainBase
{
    private ApiKeyEntry _entry = null!;

    // Publications still in flight; deactivation waits for them so that stopping a node does not cut one short.
    private Task _publications = Task.CompletedTask;

    Task IGrainBase.OnActivateAsync(CancellationToken cancellationToken)
    {
        var alias = context.GrainId.Key;
        if (!registry.TryGet(alias, out _entry))
        {
            throw new InvalidOperationException($"No API key has the alias '{alias}'.");
        }

        Publish();
        return Task.CompletedTask;
    }

    Task IGrainBase.OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => _publications;

    ValueTask<ApiKeyStatus> IApiKeyGrain.GetStatusAsync() => ValueTask.FromResult(_entry.Status);

    ValueTask<ApiKeyState> IApiKeyGrain.GetStateAsync() => ValueTask.FromResult(state.State);

    async ValueTask<ApiKeyStatus> IApiKeyGrain.ReportOutcomeAsync(UpstreamOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var now = clock.GetUtcNow();
        var decision = CooldownPolicy.Evaluate(outcome, now, options.Value.DefaultCooldown);
        var current = state.State;
        var next = outcome.RateLimits is { } limits ? current with { LastRateLimits = limits, LastRateLimitsAt = now } : current;
        next = Merge(next, decision.CoolUntil, decision.Reason, outcome.Model, decision.Disable, now);
        if (ReferenceEquals(next, current))
        {
            return _entry.Status;
        }

        state.State = next;
        if (next.Disabled != current.Disabled)
        {
            Log.KeyDisabled(logger, _entry.Info.Alias, _entry.Info.Account, outcome.StatusCode);
        }

        if (next.CoolingUntil != current.CoolingUntil || next.CoolingModel != current.CoolingModel)
        {
            Log.CoolingDown(logger, _entry.Info.Alias, _entry.Info.Account, next.CoolingUntil!.Value, next.CooldownReason, outcome.StatusCode);
        }

        if (next.Disabled != current.Disabled || next.CoolingUntil != current.CoolingUntil || next.CoolingModel != current.CoolingModel)
        {
            Publish();
            ShareWithOtherNodes(next);
            await WriteAsync().ConfigureAwait(false);
        }

        return _entry.Status;
    }

    ValueTask<ApiKeyStatus> IApiKeyGrain.ApplyRemoteChangeAsync(ApiKeyStateChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var current = state.State;
        var next = Merge(current, change.CoolingUntil, change.Reason, change.CoolingModel, change.Disabled, clock.GetUtcNow());
        if (!ReferenceEquals(next, current))
        {
            state.State = next;
            Publish();
        }

        return ValueTask.FromResult(_entry.Status);
    }

    /// <summary>
    /// Max-deadline merge: a cooldown replaces a running one only if it ends later; disabled is for good. A cooldown
    /// for another model than the running one's widens it to every model, since one deadline is all a key keeps.
    /// </summary>
    private static ApiKeyState Merge(ApiKeyState current, DateTimeOffset? coolUntil, CooldownReason reason, string? model, bool disable, DateTimeOffset now)
    {
        var next = current;
        if (disable && !current.Disabled)
        {
            next = next with { Disabled = true, DisabledAt = now };
        }

        if (coolUntil is not { } until || until <= now)
        {
            return next;
        }

        if (current.CoolingUntil is not { } existing || existing <= now)
        {
            return next with { CoolingUntil = until, CooldownReason = reason, CoolingModel = model };
        }

        var scope = current.CoolingModel == model ? model : null;
        return until > existing
            ? next with { CoolingUntil = until, CooldownReason = reason, CoolingModel = scope }
            : scope != current.CoolingModel ? next with { CoolingModel = scope } : next;
    }

    private void Publish()
    {
        var current = state.State;
        _entry.Status = new ApiKeyStatus(_entry.Info, current.CoolingUntil, current.CooldownReason, current.Disabled, current.CoolingModel);
    }

    // The request that brought the news does not wait for the other nodes: it moves on to another key at once, and a
    // slow or unreachable database must not hold it up. The store merges with max-deadline semantics, so publications
    // that overlap may complete in any order.
    private void ShareWithOtherNodes(ApiKeyState next)
    {
        var publication = PublishToOtherNodesAsync(new ApiKeyStateChange(next.CoolingUntil, next.CooldownReason, next.Disabled, next.CoolingModel));
        _publications = _publications.IsCompleted ? publication : Task.WhenAll(_publications, publication);
    }

    private async Task PublishToOtherNodesAsync(ApiKeyStateChange change)
    {
        try
        {
            await sync.PublishAsync(_entry.Info.Alias, change, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            Log.PublishFailed(logger, _entry.Info.Alias, exception);
        }
    }

    // The pool already acts on the change; a failed write only loses it when the activation is collected, and the
    // state stays dirty so deactivation tries again.
    private async Task WriteAsync()
    {
        try
        {
            await state.WriteStateAsync().ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            Log.WriteFailed(logger, _entry.Info.Alias, exception);
        }
    }
}
