using Microsoft.Extensions.Logging;
using OrleansGroq.Abstractions.Quota;
using OrleansGroq.Grains.Storage;

namespace OrleansGroq.Grains.Quota;

/// <summary>
/// The cluster's shared buckets of one account and model, with one activation in the cluster; silos lease slices from
/// it (<see cref="ModelQuota"/>), so it sees one call per slice, not per request. Every operation first refills the
/// buckets up to the caller's time. State is written at most every <see cref="FlushEvery"/> while it changes, not per
/// lease, and at deactivation.
/// <para>
/// A grain re-activated after its silo died must not grant budget Groq may not have, yet it does not know what was
/// leased since the last write. So a lease is granted only within <see cref="GrantHorizon"/> of a write by this
/// activation (the first lease of an activation, or one after a quiet spell, writes first), and a re-activation
/// (<see cref="Restore"/>) starts from the stored levels charged with the most that could have been granted in that
/// horizon: per dimension the least over its buckets of level plus refill, which leaves the bucket that binds at or
/// below zero. It gets no refill for the time it was gone. Slices the silos still hold were charged when they were
/// leased, so spending them draws on nothing here; one given back adds to the buckets. Only state written at
/// deactivation, after which nothing was granted, is taken as it stands. Groq's remaining-count headers then bring
/// the buckets to the truth.
/// </para>
/// </summary>
// The grain type names stored state: fixed, so that renaming the class does not orphan it.
[GrainType("modelquota")]
internal sealed partial class ModelQuotaGrain(
    [PersistentState("buckets", GrainStorage.Name)] IPersistentState<SharedQuotaState> state,
    TimeProvider clock,
    ILogger<ModelQuotaGrain> logger) : Grain, IModelQuotaGrain
{
    internal static readonly TimeSpan FlushEvery = TimeSpan.FromSeconds(1);

    /// <summary>How long after this activation's last write it may still grant leases without writing again.</summary>
    internal static readonly TimeSpan GrantHorizon = 2 * FlushEvery;

    private QuotaBucketSet? _buckets;
    private bool _dirty;
    private IGrainTimer? _flush;

    // When this activation last wrote its state, on its own clock; null until it has.
    private DateTimeOffset? _writtenAt;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Buckets is not null)
        {
            _buckets = Restore(state.State, clock.GetUtcNow());
            if (!state.State.Final)
            {
                Log.RestoredConservatively(logger, this.GetPrimaryKeyString());
            }
        }

        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_buckets is not null)
        {
            await FlushAsync(final: true);
        }
    }

    /// <summary>The buckets a new activation starts from, given what its predecessor wrote: see the class's remarks.</summary>
    internal static QuotaBucketSet Restore(SharedQuotaState stored, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var buckets = QuotaBucketSet.From(stored.Buckets!, now > stored.At ? now : stored.At);
        if (!stored.Final)
        {
            buckets.ChargeMostGrantable(GrantHorizon);
        }

        return buckets;
    }

    async ValueTask<QuotaLease> IModelQuotaGrain.LeaseAsync(QuotaLimits limits, QuotaAsk ask, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(ask);
        var buckets = Current(limits, now);
        if (ask.Ceilings is { } ceilings)
        {
            buckets.Lower(ceilings);
        }

        // A failed write fails the lease: a grant the stored state does not bound could be granted twice.
        if (_writtenAt is not { } written || clock.GetUtcNow() - written >= GrantHorizon)
        {
            await WriteAsync(final: false);
        }

        var (requests, tokens) = buckets.Lease(ask.Requests, ask.Tokens, ask.Reserve);
        MarkDirty();
        return new QuotaLease(requests, tokens, buckets.State);
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
        MarkDirty();
        return ValueTask.FromResult(_buckets!.State);
    }

    private void MarkDirty()
    {
        _dirty = true;
        _flush ??= this.RegisterGrainTimer(static (grain, _) => grain._dirty ? grain.FlushAsync(final: false) : Task.CompletedTask, this, new GrainTimerCreationOptions(FlushEvery, FlushEvery));
    }

    private async Task FlushAsync(bool final)
    {
        try
        {
            await WriteAsync(final);
        }
        catch (Exception exception)
        {
            Log.WriteFailed(logger, this.GetPrimaryKeyString(), exception);
        }
    }

    private async Task WriteAsync(bool final)
    {
        var at = clock.GetUtcNow();
        state.State = new SharedQuotaState { Buckets = _buckets!.State, At = _buckets.RefilledAt, Final = final };
        var wasDirty = _dirty;
        _dirty = false;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            _dirty = wasDirty;
            throw;
        }

        _writtenAt = at;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4010, EventName = "QuotaStateWriteFailed", Level = LogLevel.Warning,
            Message = "Writing the shared buckets of {QuotaKey} failed; a new activation would start from the last state written.")]
        public static partial void WriteFailed(ILogger logger, string quotaKey, Exception exception);

        [LoggerMessage(EventId = 4011, EventName = "QuotaStateRestoredConservatively", Level = LogLevel.Information,
            Message = "The shared buckets of {QuotaKey} were not written at deactivation: they start charged with the most the last activation could have granted since its last write.")]
        public static partial void RestoredConservatively(ILogger logger, string quotaKey);
    }
}
