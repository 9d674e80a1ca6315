namespace OrleansGroq.Emulator.Limits;

/// <summary>
/// What <see cref="BucketSet.TryAdmit"/> decided. For a refusal, <see cref="Limit"/> names the
/// limit that tripped, with the numbers Groq's message quotes.
/// </summary>
internal readonly record struct Admission(
    AdmissionOutcome Outcome,
    LimitKind Limit,
    long LimitValue,
    long Used,
    long Requested,
    TimeSpan RetryAfter,
    RateLimitSnapshot Headers)
{
    public bool IsAdmitted => Outcome == AdmissionOutcome.Admitted;

    /// <summary>Groq leaves the token headers out of an RPM 429.</summary>
    public bool IncludeTokenHeaders => !(Outcome == AdmissionOutcome.RateLimited && Limit == LimitKind.Rpm);

    /// <summary>The <c>retry-after</c> header: whole seconds, rounded up, at least 1.</summary>
    public long RetryAfterSeconds => Math.Max(1, (long)Math.Ceiling(RetryAfter.TotalSeconds));
}
