using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Utilities;
using OrleansGroq.Abstractions.Keys;
using OrleansGroq.Abstractions.Upstream;
using OrleansGroq.Grains.Storage;

namespace OrleansGroq.Grains.Keys;

/// <summary>
/// One upstream key's cooldowns and disabled flag, with one activation in the cluster. Silos report to it only the
/// outcomes that change the key, so it is off the hot path; each change is written before the caller hears of it,
/// and told to every silo's status board, which request routing reads without a grain call.
/// </summary>
// The grain type names stored state: fixed, so that renaming the class does not orphan it.
[GrainType("apikey")]
internal sealed partial class ApiKeyGrain(
    [PersistentState("key", GrainStorage.Name)] IPersistentState<ApiKeyState> state,
    ApiKeyRegistry registry,
    IOptions<ApiKeyPoolOptions> options,
    TimeProvider clock,
    ILogger<ApiKeyGrain> logger) : Grain, IApiKeyGrain
{
    // Boards renew their subscription well within this (ApiKeyPoolOptions.SubscriptionRenewal, held below it); one
    // that stops renewing belongs to a silo that is gone.
    internal static readonly TimeSpan SubscriptionExpiry = TimeSpan.FromMinutes(5);

    private readonly ObserverManager<IApiKeyStatusObserver> _boards = new(SubscriptionExpiry, logger) { GetDateTime = () => clock.GetUtcNow().UtcDateTime };
    private ApiKeyInfo _key = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var alias = this.GetPrimaryKeyString();
        _key = registry.TryGet(alias, out var entry)
            ? entry.Info
            : throw new InvalidOperationException($"No API key has the alias '{alias}'.");
        return Task.CompletedTask;
    }

    ValueTask<ApiKeyState> IApiKeyGrain.GetStateAsync() => ValueTask.FromResult(state.State);

    ValueTask<ApiKeyStatus> IApiKeyGrain.SubscribeAsync(IApiKeyStatusObserver observer)
    {
        _boards.Subscribe(observer, observer);
        return ValueTask.FromResult(Status);
    }

    ValueTask IApiKeyGrain.UnsubscribeAsync(IApiKeyStatusObserver observer)
    {
        _boards.Unsubscribe(observer);
        return ValueTask.CompletedTask;
    }

    async ValueTask<ApiKeyStatus> IApiKeyGrain.ReportOutcomeAsync(UpstreamOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var now = clock.GetUtcNow();
        var decision = CooldownPolicy.Evaluate(outcome, now, options.Value.DefaultCooldown);
        var current = state.State;
        var next = CooldownMerge.Merge(current, decision.CoolUntil, decision.Reason, outcome.Model, decision.Disable, now);
        if (ReferenceEquals(next, current))
        {
            return Status;
        }

        state.State = next = next with { Version = current.Version + 1 };
        if (next.Disabled != current.Disabled)
        {
            Log.KeyDisabled(logger, _key.Alias, _key.Account, outcome.StatusCode);
        }

        if (next.CoolingUntil != current.CoolingUntil || next.CoolingModel != current.CoolingModel)
        {
            Log.CoolingDown(logger, _key.Alias, _key.Account, next.CoolingUntil!.Value, next.CooldownReason, outcome.StatusCode);
        }

        await WriteAsync();
        var status = Status;
        await _boards.Notify(board => board.StatusChangedAsync(status));
        return status;
    }

    private ApiKeyStatus Status
    {
        get
        {
            var current = state.State;
            return new ApiKeyStatus(_key, current.CoolingUntil, current.CooldownReason, current.Disabled, current.CoolingModel, current.Version);
        }
    }

    // The boards act on the change at once; a failed write loses it only if this activation is lost too, so the
    // request that brought the news is not failed for it.
    private async Task WriteAsync()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception exception)
        {
            Log.WriteFailed(logger, _key.Alias, exception);
        }
    }
}
