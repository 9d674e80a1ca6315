namespace OrleansGroq.Abstractions.Quota;

/// <summary>The shared buckets of one account and model as a store left them, refilled up to the time of the call.</summary>
/// <param name="Limits">The capacities.</param>
/// <param name="Available">What each bucket holds.</param>
[GenerateSerializer, Immutable]
public sealed record QuotaBucketState(QuotaLimits Limits, QuotaLevels Available)
{
    /// <summary>
    /// Per bucket, what has left it and not yet refilled: spent by requests or still held in nodes' slices.
    /// An estimate of the budget leased out, for administration.
    /// </summary>
    public QuotaLevels LeasedOut => new(
        Used(Limits.Rpm, Available.Rpm),
        Used(Limits.Rpd, Available.Rpd),
        Used(Limits.Tpm, Available.Tpm),
        Used(Limits.Tpd, Available.Tpd));

    private static double Used(long capacity, double available) => capacity > 0 ? capacity - available : 0;
}
