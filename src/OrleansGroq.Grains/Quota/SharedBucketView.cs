using OrleansGroq.Abstractions.Quota;

namespace OrleansGroq.Grains.Quota;

/// <summary>
/// What one node believes the shared buckets hold: the store's last answer, refilled as time passes at the share of
/// the refill this node has been getting. Other nodes draw on the same refill: a node counting on all of it would
/// lease as soon as one request's worth had refilled, find that another node took it, and ask again, so that busy
/// nodes would send several statements for every request an empty bucket admits. The share is learned from each
/// lease, comparing what had refilled since this node last looked with what was left of it. Not thread-safe.
/// </summary>
internal sealed class SharedBucketView
{
    // However busy the other nodes, this node expects at least this share of the refill, so that it keeps asking.
    private const double MinShare = 1.0 / 8;

    private QuotaBucketState _state;
    private DateTimeOffset _at;
    private (long Requests, long Tokens) _roomAtAdoption;
    private double _requestShare = 1;
    private double _tokenShare = 1;

    public SharedBucketView(QuotaBucketState state, DateTimeOffset now)
    {
        _state = state;
        _at = now;
        _roomAtAdoption = Room(state, 0);
    }

    public QuotaLimits Limits => _state.Limits;

    /// <summary>Takes a store's answer, given at <paramref name="now"/>, as what the buckets hold.</summary>
    public void Adopt(QuotaBucketState state, DateTimeOffset now)
    {
        _state = state;
        _at = now;
        _roomAtAdoption = Room(state, 0);
    }

    /// <summary>Takes a lease's answer, first learning from it how much of the refill since the last answer this node got.</summary>
    public void AdoptLease(QuotaLease lease, DateTimeOffset now)
    {
        var expected = Estimate(now, 1, 1).Room(0);
        var after = Room(lease.State, 0);
        _requestShare = Learn(_requestShare, _roomAtAdoption.Requests, expected.Requests, lease.GrantedRequests, after.Requests);
        _tokenShare = Learn(_tokenShare, _roomAtAdoption.Tokens, expected.Tokens, lease.GrantedTokens, after.Tokens);
        Adopt(lease.State, now);
    }

    /// <summary>Lowers the buckets to the ceilings, as of <paramref name="now"/>.</summary>
    public void Lower(QuotaCeilings ceilings, DateTimeOffset now)
    {
        var buckets = Estimate(now, _requestShare, _tokenShare);
        buckets.Lower(ceilings);
        Adopt(buckets.State, now);
    }

    /// <summary>Whole requests and tokens the buckets are believed to hold above the reserve now.</summary>
    public (long Requests, long Tokens) Room(double reserve, DateTimeOffset now) => Estimate(now, _requestShare, _tokenShare).Room(reserve);

    /// <summary>How long until the buckets are believed to hold <paramref name="need"/> above the reserve; zero when they already do.</summary>
    public TimeSpan TimeUntil(QuotaAmount need, double reserve, DateTimeOffset now)
    {
        var buckets = QuotaBucketSet.From(_state, _at);
        var requests = Stretch(buckets.TimeUntil(need.Requests, 0, reserve), _requestShare);
        var tokens = Stretch(buckets.TimeUntil(0, need.Tokens, reserve), _tokenShare);
        var wait = (requests > tokens ? requests : tokens) - (now - _at);
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    private QuotaBucketSet Estimate(DateTimeOffset now, double requestShare, double tokenShare)
    {
        var buckets = QuotaBucketSet.From(_state, _at);
        var elapsed = now > _at ? now - _at : TimeSpan.Zero;
        buckets.Refill(_at + (elapsed * requestShare), _at + (elapsed * tokenShare));
        return buckets;
    }

    private static (long Requests, long Tokens) Room(QuotaBucketState state, double reserve) => QuotaBucketSet.From(state, default).Room(reserve);

    // The whole units this node found of those that refilled since it last looked (none when unlimited, or when the
    // bucket was full); noisy from one lease to the next, so averaged.
    private static double Learn(double share, long before, long expected, long granted, long after)
    {
        if (before == long.MaxValue || after == long.MaxValue || expected <= before)
        {
            return share;
        }

        var observed = Math.Clamp((double)(granted + after - before) / (expected - before), MinShare, 1);
        return (share + observed) / 2;
    }

    private static TimeSpan Stretch(TimeSpan wait, double share) =>
        wait >= TimeSpan.FromDays(365) ? wait : TimeSpan.FromTicks((long)Math.Ceiling(wait.Ticks / share));
}
