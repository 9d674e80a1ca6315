namespace OrleansGroq.Abstractions.Quota;

/// <summary>
/// Upper bounds for the shared buckets, as of the time of the call: Groq's reported remaining budget (plus what has
/// refilled since it was reported), or zero after a 429. A bucket above its ceiling comes down to it; one below stays.
/// A <see langword="null"/> ceiling leaves its bucket alone.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record QuotaCeilings(double? Rpm, double? Rpd, double? Tpm, double? Tpd);
