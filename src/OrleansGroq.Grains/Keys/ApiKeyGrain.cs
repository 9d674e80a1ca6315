using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Keys;
using OrleansGroq.Abstractions.Upstream;
using OrleansGroq.Grains.Storage;

namespace OrleansGroq.Grains.Keys;

/// <summary>
/// One upstream key's cooldowns and disabled flag, with one activation in the cluster. Silos report to it only the
/// outcomes that change the key, so it is off the hot path; each change is written before the caller hears of it,
/// and told to the status board of every silo in the cluster's membership, which request routing reads without a
/// grain call.
/// </summary>
/// <remarks>
/// The boards are addressed by silo, never remembered as subscribers. A list of subscribers lives in one activation's
/// memory, and the default grain directory may let two activations of one key grain live at once while silos join: in
/// 3-process runs of CooldownPropagationTests Orleans ended key grain activations as DuplicateActivation, and a board
/// that had subscribed to the other activation (or to one that ended) was not told of a change until its next renewal,
/// failing about 1 run in 2. Any activation, duplicate or activated again after an idle collection or a death, reaches
/// every silo this way.
/// </remarks>
// The grain type names stored state: fixed, so that renaming the class does not orphan it.
[GrainType("apikey")]
internal sealed partial class ApiKeyGrain(
    [PersistentState("key", GrainStorage.Name)] IPersistentState<ApiKeyState> state,
    ApiKeyRegistry registry,
    ApiKeyBoards boards,
    IClusterMembershipService membership,
    IOptions<ApiKeyPoolOptions> options,
    TimeProvider clock,
    ILogger<ApiKeyGrain> logger) : Grain, IApiKeyGrain
{
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

    async ValueTask<ApiKeyStatus> IApiKeyGrain.SubscribeAsync(SiloAddress silo)
    {
        // A silo subscribes once it is active, but this silo may not have heard of it yet; reading the membership
        // table now means every change this grain makes after answering is told to it.
        if (!membership.CurrentSnapshot.Members.ContainsKey(silo))
        {
            await membership.Refresh();
        }

        return Status;
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
        Tell(status);
        return status;
    }

    // One-way: a slow or dying silo holds up neither this grain nor the report's caller. A board that misses a change
    // (its silo was not yet known, a connection dropped) catches up at its next renewal.
    private void Tell(ApiKeyStatus status)
    {
        foreach (var member in membership.CurrentSnapshot.Members.Values)
        {
            if (member.Status != SiloStatus.Dead)
            {
                _ = boards.Of(member.SiloAddress).StatusChangedAsync(status);
            }
        }
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
