namespace OrleansGroq.Abstractions.Quota;

/// <summary>
/// An amount per bucket, e.g. what a bucket holds. Fractional, since buckets refill continuously; a level may be
/// negative when real usage exceeded what was reserved, as Groq's own buckets can be. Unlimited buckets hold zero.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record QuotaLevels(double Rpm, double Rpd, double Tpm, double Tpd);
