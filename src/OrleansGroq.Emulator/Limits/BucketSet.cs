namespace OrleansGroq.Emulator.Limits;

/// <summary>
/// The RPM, RPD, TPM and TPD buckets of one account and model behind one lock, held only for
/// arithmetic (never across an await). Unlimited (zero) limits have no bucket.
/// </summary>
internal sealed class BucketSet
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    private readonly Lock _gate = new();
    private readonly TokenBucket? _rpm;
    private readonly TokenBucket? _rpd;
    private readonly TokenBucket? _tpm;
    private readonly TokenBucket? _tpd;

    public BucketSet(ModelLimits limits, TimeProvider time)
    {
        Limits = limits;
        _rpm = Create(limits.Rpm, Minute, time);
        _rpd = Create(limits.Rpd, Day, time);
        _tpm = Create(limits.Tpm, Minute, time);
        _tpd = Create(limits.Tpd, Day, time);
    }

    public ModelLimits Limits { get; }

    /// <summary>
    /// Admits a request if one request and <paramref name="requestedTokens"/> (uncached prompt plus
    /// max_tokens) fit every bucket, checked RPM, RPD, TPM, TPD; then charges one request and
    /// <paramref name="chargedTokens"/> (the real uncached prompt plus completion).
    /// </summary>
    public Admission TryAdmit(long requestedTokens, long chargedTokens)
    {
        lock (_gate)
        {
            if ((TooLarge(_tpm, LimitKind.Tpm, requestedTokens) ?? TooLarge(_tpd, LimitKind.Tpd, requestedTokens)) is { } tooLarge)
            {
                return tooLarge;
            }

            if ((Refuse(_rpm, LimitKind.Rpm, 1) ?? Refuse(_rpd, LimitKind.Rpd, 1)
                ?? Refuse(_tpm, LimitKind.Tpm, requestedTokens) ?? Refuse(_tpd, LimitKind.Tpd, requestedTokens)) is { } refused)
            {
                return refused;
            }

            _rpm?.Take(1);
            _rpd?.Take(1);
            _tpm?.Take(chargedTokens);
            _tpd?.Take(chargedTokens);
            return new Admission(AdmissionOutcome.Admitted, default, 0, 0, requestedTokens, TimeSpan.Zero, SnapshotLocked());
        }
    }

    /// <summary>Header values without charging anything, for responses that consume no budget.</summary>
    public RateLimitSnapshot Snapshot()
    {
        lock (_gate)
        {
            return SnapshotLocked();
        }
    }

    private Admission? TooLarge(TokenBucket? bucket, LimitKind kind, long requested) =>
        bucket is not null && requested > bucket.Capacity
            ? new Admission(AdmissionOutcome.TooLarge, kind, bucket.Capacity, 0, requested, TimeSpan.Zero, SnapshotLocked())
            : null;

    private Admission? Refuse(TokenBucket? bucket, LimitKind kind, long requested) =>
        bucket is null || bucket.CanTake(requested)
            ? null
            : new Admission(AdmissionOutcome.RateLimited, kind, bucket.Capacity, bucket.Used, requested, bucket.TimeUntil(requested), SnapshotLocked());

    private RateLimitSnapshot SnapshotLocked() => new(
        _rpd?.Capacity ?? 0,
        _rpd?.Remaining ?? 0,
        _rpd?.TimeUntilFull ?? TimeSpan.Zero,
        _tpm?.Capacity ?? 0,
        _tpm?.Remaining ?? 0,
        _tpm?.TimeUntilFull ?? TimeSpan.Zero);

    private static TokenBucket? Create(long capacity, TimeSpan window, TimeProvider time) =>
        capacity > 0 ? new TokenBucket(capacity, window, time) : null;
}
