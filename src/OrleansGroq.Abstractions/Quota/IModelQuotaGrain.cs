using Orleans.Concurrency;

namespace OrleansGroq.Abstractions.Quota;

/// <summary>
/// The cluster's shared buckets of one Groq organization's budget for one model, keyed <c>{account}/{model}</c> (see
/// <see cref="QuotaKey"/>), with one activation in the cluster. Each silo leases slices from it and admits requests
/// from its slice locally (<see cref="IModelQuota"/>), so the grain is called once per slice, not per request. The
/// operations are those of <see cref="IQuotaLeaseStore"/>, for the grain's own key.
/// </summary>
public interface IModelQuotaGrain : IGrainWithStringKey
{
    /// <summary>Grants up to what <paramref name="ask"/> asks, per dimension what every bucket holds above the ask's reserve.</summary>
    ValueTask<QuotaLease> LeaseAsync(QuotaLimits limits, QuotaAsk ask, DateTimeOffset now);

    /// <summary>Applies the return's ceilings, then adds its budget back, capped at capacity; negative amounts are charged.</summary>
    ValueTask<QuotaBucketState> ReturnAsync(QuotaLimits limits, QuotaReturn returned, DateTimeOffset now);

    /// <summary>Lowers each bucket to its ceiling; never raises one.</summary>
    ValueTask<QuotaBucketState> CalibrateAsync(QuotaLimits limits, QuotaCeilings ceilings, DateTimeOffset now);

    /// <summary>Changes the capacities.</summary>
    ValueTask<QuotaBucketState> SetLimitsAsync(QuotaLimits limits, DateTimeOffset now);

    /// <summary>Reads the buckets refilled up to <paramref name="now"/>, or <see langword="null"/> before first use.</summary>
    [ReadOnly]
    ValueTask<QuotaBucketState?> ReadAsync(DateTimeOffset now);
}
