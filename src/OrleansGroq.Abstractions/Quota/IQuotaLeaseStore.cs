namespace OrleansGroq.Abstractions.Quota;

/// <summary>
/// Where a silo's quota slices lease from: the cluster's shared buckets, held by each account and model's
/// <see cref="IModelQuotaGrain"/> (an interface of its own so that slices are tested without a cluster). Each (account,
/// model) has up to four continuously refilling buckets (RPM, RPD, TPM, TPD); every operation first refills them by
/// the time elapsed since the last one, then changes them, atomically. A missing row is a full bucket set with the
/// given limits, created by the first operation. Time comes from the caller, so every node agrees on the arithmetic
/// and tests can use a fake clock; a time earlier than the last one refills nothing.
/// </summary>
public interface IQuotaLeaseStore
{
    /// <summary>
    /// Grants up to <see cref="QuotaAsk.Requests"/> and <see cref="QuotaAsk.Tokens"/>: per dimension the smallest of the
    /// amount asked and what each of its buckets holds above the ask's reserve, in whole units, and takes it out.
    /// </summary>
    Task<QuotaLease> LeaseAsync(QuotaKey key, QuotaLimits limits, QuotaAsk ask, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Applies the return's ceilings, then adds its budget back, capped at capacity. Negative amounts are charged:
    /// usage beyond what was leased, which may take a bucket below zero.
    /// </summary>
    Task<QuotaBucketState> ReturnAsync(QuotaKey key, QuotaLimits limits, QuotaReturn returned, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Lowers each bucket to its ceiling; never raises one.</summary>
    Task<QuotaBucketState> CalibrateAsync(QuotaKey key, QuotaLimits limits, QuotaCeilings ceilings, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Changes the capacities. A bucket that shrinks keeps at most its new capacity, one that grows fills by refill,
    /// one that becomes limited starts full.
    /// </summary>
    Task<QuotaBucketState> SetLimitsAsync(QuotaKey key, QuotaLimits limits, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Reads the buckets refilled up to <paramref name="now"/> without changing them, or <see langword="null"/> before first use.</summary>
    Task<QuotaBucketState?> ReadAsync(QuotaKey key, DateTimeOffset now, CancellationToken cancellationToken);
}
