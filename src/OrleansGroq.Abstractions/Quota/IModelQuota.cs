using OrleansGroq.Abstractions.Upstream;

namespace OrleansGroq.Abstractions.Quota;

/// <summary>
/// This silo's share of one Groq organization's budget for one model: a slice of requests and tokens leased from the
/// cluster-wide buckets (<see cref="IModelQuotaGrain"/>). It admits requests from the slice without a grain call;
/// only when the slice runs short does it lease more, in one call. One per silo, account and model
/// (<see cref="IModelQuotas"/>); calls on one are serialized, as a grain's turns would be.
/// </summary>
public interface IModelQuota
{
    /// <summary>
    /// Reserves one request and <see cref="ReserveRequest.EstimatedTokens"/> from the slice, leasing more when the slice
    /// is short. A granted reservation must be settled (<see cref="SettleAsync"/>) or released (<see cref="ReleaseAsync"/>).
    /// </summary>
    ValueTask<Reservation> TryReserveAsync(ReserveRequest request);

    /// <summary>
    /// Settles a granted reservation with the tokens Groq counted (uncached prompt plus completion; cached prompt tokens
    /// are free): the difference returns to the slice, or usage beyond the reservation is taken from it.
    /// </summary>
    ValueTask SettleAsync(long reservedTokens, long actualTokens);

    /// <summary>Gives back a granted reservation whose request never reached Groq: its request and tokens return to the slice.</summary>
    ValueTask ReleaseAsync(long reservedTokens);

    /// <summary>
    /// Applies the rate-limit headers of a Groq response: limit headers lower the limits in force (RPD, TPM), and when
    /// Groq reports fewer remaining requests (RPD) or tokens (TPM) than the shared bucket holds, the bucket comes down.
    /// </summary>
    ValueTask CalibrateAsync(RateLimitSnapshot snapshot);

    /// <summary>Records a 429 from Groq: the slice of the named dimension is dropped and the named shared bucket emptied.</summary>
    ValueTask ReportRateLimitedAsync(RateLimitKind kind);

    /// <summary>Returns this node's counters and slice, with the shared buckets as the store holds them now.</summary>
    ValueTask<ModelQuotaSnapshot> GetSnapshotAsync();
}
