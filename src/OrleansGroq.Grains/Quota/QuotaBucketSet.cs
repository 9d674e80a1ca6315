using OrleansGroq.Abstractions.Quota;

namespace OrleansGroq.Grains.Quota;

/// <summary>
/// The RPM, RPD, TPM and TPD buckets of one account and model; an unlimited (zero) limit has no bucket. A grant of
/// requests comes out of both request buckets and a grant of tokens out of both token buckets. Not thread-safe.
/// </summary>
internal sealed class QuotaBucketSet
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    private TokenBucket? _rpm;
    private TokenBucket? _rpd;
    private TokenBucket? _tpm;
    private TokenBucket? _tpd;

    private QuotaBucketSet(QuotaLimits limits, QuotaLevels levels, DateTimeOffset at)
    {
        Limits = limits;
        RefilledAt = at;
        _rpm = Create(limits.Rpm, Minute, levels.Rpm, at);
        _rpd = Create(limits.Rpd, Day, levels.Rpd, at);
        _tpm = Create(limits.Tpm, Minute, levels.Tpm, at);
        _tpd = Create(limits.Tpd, Day, levels.Tpd, at);
    }

    public QuotaLimits Limits { get; private set; }

    public DateTimeOffset RefilledAt { get; private set; }

    public QuotaBucketState State => new(Limits, new QuotaLevels(_rpm?.Level ?? 0, _rpd?.Level ?? 0, _tpm?.Level ?? 0, _tpd?.Level ?? 0));

    public static QuotaBucketSet Full(QuotaLimits limits, DateTimeOffset now) =>
        new(limits, new QuotaLevels(limits.Rpm, limits.Rpd, limits.Tpm, limits.Tpd), now);

    /// <summary>The buckets as a store reported them at <paramref name="at"/>.</summary>
    public static QuotaBucketSet From(QuotaBucketState state, DateTimeOffset at) => new(state.Limits, state.Available, at);

    public void Refill(DateTimeOffset now) => Refill(now, now);

    /// <summary>Refills the request buckets up to one time and the token buckets up to another.</summary>
    public void Refill(DateTimeOffset requestsUntil, DateTimeOffset tokensUntil)
    {
        var until = requestsUntil > tokensUntil ? requestsUntil : tokensUntil;
        if (until > RefilledAt)
        {
            RefilledAt = until;
        }

        _rpm?.Refill(requestsUntil);
        _rpd?.Refill(requestsUntil);
        _tpm?.Refill(tokensUntil);
        _tpd?.Refill(tokensUntil);
    }

    /// <summary>Grants per dimension the smaller of the amount asked and the room above the reserve, and takes it out.</summary>
    public (long Requests, long Tokens) Lease(long requests, long tokens, double reserve)
    {
        var grantedRequests = Math.Min(requests, Math.Min(Room(_rpm, reserve), Room(_rpd, reserve)));
        var grantedTokens = Math.Min(tokens, Math.Min(Room(_tpm, reserve), Room(_tpd, reserve)));
        _rpm?.Take(grantedRequests);
        _rpd?.Take(grantedRequests);
        _tpm?.Take(grantedTokens);
        _tpd?.Take(grantedTokens);
        return (grantedRequests, grantedTokens);
    }

    /// <summary>Adds budget back, capped at capacity; negative amounts are charged.</summary>
    public void Add(long requests, long tokens)
    {
        _rpm?.Add(requests);
        _rpd?.Add(requests);
        _tpm?.Add(tokens);
        _tpd?.Add(tokens);
    }

    /// <summary>
    /// Charges every bucket with the most that could have been granted within <paramref name="span"/> from these
    /// levels: per dimension the least over its buckets of level plus refill, since a grant comes out of all of them.
    /// </summary>
    public void ChargeMostGrantable(TimeSpan span)
    {
        var requests = Math.Min(MostGrantable(_rpm, span), MostGrantable(_rpd, span));
        var tokens = Math.Min(MostGrantable(_tpm, span), MostGrantable(_tpd, span));
        _rpm?.Add(-requests);
        _rpd?.Add(-requests);
        _tpm?.Add(-tokens);
        _tpd?.Add(-tokens);
    }

    public void Lower(QuotaCeilings ceilings)
    {
        LowerTo(_rpm, ceilings.Rpm);
        LowerTo(_rpd, ceilings.Rpd);
        LowerTo(_tpm, ceilings.Tpm);
        LowerTo(_tpd, ceilings.Tpd);
    }

    /// <summary>Changes the capacities as of <paramref name="now"/>; refill first so the time before is counted at the old rate.</summary>
    public void Resize(QuotaLimits limits, DateTimeOffset now)
    {
        _rpm = Resize(_rpm, limits.Rpm, Minute, now);
        _rpd = Resize(_rpd, limits.Rpd, Day, now);
        _tpm = Resize(_tpm, limits.Tpm, Minute, now);
        _tpd = Resize(_tpd, limits.Tpd, Day, now);
        Limits = limits;
    }

    /// <summary>Whole requests and tokens a lease could take now, above the reserve; <see cref="long.MaxValue"/> when unlimited.</summary>
    public (long Requests, long Tokens) Room(double reserve) =>
        (Math.Min(Room(_rpm, reserve), Room(_rpd, reserve)), Math.Min(Room(_tpm, reserve), Room(_tpd, reserve)));

    /// <summary>The most requests and tokens one lease could ever take under <paramref name="limits"/>, from full buckets, leaving the reserve.</summary>
    public static (long Requests, long Tokens) MaxGrant(QuotaLimits limits, double reserve) =>
        (Math.Min(MaxGrant(limits.Rpm, reserve), MaxGrant(limits.Rpd, reserve)), Math.Min(MaxGrant(limits.Tpm, reserve), MaxGrant(limits.Tpd, reserve)));

    /// <summary>Time until refill alone gives room for <paramref name="requests"/> and <paramref name="tokens"/> above the reserve.</summary>
    public TimeSpan TimeUntil(long requests, long tokens, double reserve) =>
        Max(Max(TimeUntil(_rpm, requests, reserve), TimeUntil(_rpd, requests, reserve)), Max(TimeUntil(_tpm, tokens, reserve), TimeUntil(_tpd, tokens, reserve)));

    private static TokenBucket? Create(long capacity, TimeSpan window, double level, DateTimeOffset at) =>
        capacity > 0 ? new TokenBucket(capacity, window, level, at) : null;

    private static TokenBucket? Resize(TokenBucket? bucket, long capacity, TimeSpan window, DateTimeOffset now)
    {
        if (capacity == 0)
        {
            return null;
        }

        if (bucket is null)
        {
            // A bucket that was not tracked has no usage on record: it starts full, and Groq's headers bring it down.
            return TokenBucket.Full(capacity, window, now);
        }

        bucket.Resize(capacity);
        return bucket;
    }

    private static long Room(TokenBucket? bucket, double reserve) => bucket?.Room(reserve) ?? long.MaxValue;

    private static double MostGrantable(TokenBucket? bucket, TimeSpan span) => bucket?.MostGrantableWithin(span) ?? double.PositiveInfinity;

    private static long MaxGrant(long capacity, double reserve) => capacity > 0 ? TokenBucket.MaxGrant(capacity, reserve) : long.MaxValue;

    private static TimeSpan TimeUntil(TokenBucket? bucket, long amount, double reserve) =>
        amount > 0 && bucket is not null ? bucket.TimeUntil(amount, reserve) : TimeSpan.Zero;

    private static void LowerTo(TokenBucket? bucket, double? ceiling)
    {
        if (ceiling is { } value)
        {
            bucket?.LowerTo(value);
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
