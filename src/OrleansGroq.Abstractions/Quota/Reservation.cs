namespace OrleansGroq.Abstractions.Quota;

/// <summary>The answer to a reservation.</summary>
/// <param name="Status">Granted, or why not.</param>
/// <param name="Tokens">
/// The tokens held, to pass back to <see cref="IModelQuotaGrain.SettleAsync"/> or <see cref="IModelQuotaGrain.ReleaseAsync"/>;
/// zero when tokens are unlimited or nothing was granted.
/// </param>
/// <param name="RetryAfter">
/// When not granted: how long until the buckets, refilling at their rate, hold enough for this request. When other
/// nodes compete for the refill, the node counts on the share of it it has been getting, so the wait is longer.
/// For <see cref="ReservationStatus.Unavailable"/>, when the store will be tried again. Zero when granted or too large.
/// </param>
public sealed record Reservation(ReservationStatus Status, long Tokens, TimeSpan RetryAfter)
{
    /// <summary>Whether the request may be sent.</summary>
    public bool Granted => Status == ReservationStatus.Granted;
}
