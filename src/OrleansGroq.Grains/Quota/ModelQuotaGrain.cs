using Microsoft.Extensions.Logging;
using OrleansGroq.Abstractions.Quota;
using OrleansGroq.Grains.Storage;

namespace OrleansGroq.Grains.Quota;

/// <summary>
/// The cluster's shared buckets of one account and model, with one activation in the cluster; silos lease slices from
/// it (<see cref="ModelQuota"/>), so it sees one call per slice, not per request. Every operation first refills the
/// buckets up to the caller's time. State is written at most every <see cref="FlushEvery"/>, not per lease: a grain
/// re-activated after its silo died does not know what was leased since the last write, so it starts conservatively,
/// with no refill for the time it was gone; Groq's remaining-count headers then bring the buckets down to the truth.
/// </summary>
// The grain type names stored state: fixed, so that renaming the class does not orphan it.
[GrainType("modelquota")]
internal sealed partial class ModelQuotaGrain(
    [PersistentState("buckets", GrainStorage.Name)] IPersistentState<SharedQuotaState> state,
    TimeProvider clock,
    ILogger<ModelQuotaGrain> logger) : Grain, IModelQuotaGrain
{
    internal static readonly TimeSpan FlushEvery = TimeSpan.FromSeconds(1);

    private QuotaBucketSet? _buckets;
    private bool _dirty;
    private IGrainTimer? _flush;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Buckets is { } stored)
        {
            var now = clock.GetUtcNow();
            _buckets = QuotaBucketSet.From(stored, now > state.State.At ? now : state.State.At);
        }

        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => await FlushAsync();

    ValueTask<QuotaLease> IModelQuotaGrain.LeaseAsync(QuotaLimits limits, QuotaAsk ask, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(ask);
        var buckets = Current(limits, now);
        if (ask.Ceilings is { } ceilings)
        {
            buckets.Lower(ceilings);
        }

        var (requests, tokens) = buckets.Lease(ask.Requests, ask.Tokens, ask.Reserve);
        Changed();
        return ValueTask.FromResult(new QuotaLease(requests, tokens, buckets.State));
    }

    ValueTask<QuotaBucketState> IModelQuotaGrain.ReturnAsync(QuotaLimits limits, QuotaReturn returned, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(returned);
        var buckets = Current(limits, now);
        if (returned.Ceilings is { } ceilings)
        {
            buckets.Lower(ceilings);
        }

        buckets.Add(returned.Requests, returned.Tokens);
        return Changed();
    }

    ValueTask<QuotaBucketState> IModelQuotaGrain.CalibrateAsync(QuotaLimits limits, QuotaCeilings ceilings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(ceilings);
        Current(limits, now).Lower(ceilings);
        return Changed();
    }

    ValueTask<QuotaBucketState> IModelQuotaGrain.SetLimitsAsync(QuotaLimits limits, DateTimeOffset now)
    {
        Current(limits, now).Resize(limits, now);
        return Changed();
    }

    ValueTask<QuotaBucketState?> IModelQuotaGrain.ReadAsync(DateTimeOffset now)
    {
        if (_buckets is null)
        {
            return ValueTask.FromResult<QuotaBucketState?>(null);
        }

        // A read leaves the buckets as they are: refill a copy.
        var copy = QuotaBucketSet.From(_buckets.State, _buckets.RefilledAt);
        copy.Refill(now);
        return ValueTask.FromResult<QuotaBucketState?>(copy.State);
    }

    private QuotaBucketSet Current(QuotaLimits limits, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(limits);
        _buckets ??= QuotaBucketSet.Full(limits, now);
        _buckets.Refill(now);
        return _buckets;
    }

    private ValueTask<QuotaBucketState> Changed()
    {
        _dirty = true;
        _flush ??= this.RegisterGrainTimer(static (grain, _) => grain.FlushAsync(), this, new GrainTimerCreationOptions(FlushEvery, FlushEvery));
        return ValueTask.FromResult(_buckets!.State);
    }

    private async Task FlushAsync()
    {
        if (!_dirty)
        {
            return;
        }

        state.State = new SharedQuotaState { Buckets = _buckets!.State, At = _buckets.RefilledAt };
        _dirty = false;
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception exception)
        {
            _dirty = true;
            Log.WriteFailed(logger, this.GetPrimaryKeyString(), exception);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4010, EventName = "QuotaStateWriteFailed", Level = LogLevel.Warning,
            Message = "Writing the shared buckets of {QuotaKey} failed; it is tried again in a second.")]
        public static partial void WriteFailed(ILogger logger, string quotaKey, Exception exception);
    }
}
