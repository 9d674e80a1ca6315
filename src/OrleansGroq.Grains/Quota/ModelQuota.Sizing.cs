using OrleansGroq.Abstractions.Quota;

namespace OrleansGroq.Grains.Quota;

/// <summary>
/// How much a lease asks for: what the slice lacks, plus a slice of traffic (the recent rate times
/// <see cref="QuotaOptions.SliceDuration"/>, at least <see cref="QuotaOptions.MinSliceRequests"/> requests like the
/// one at hand), but never more than a share of what the shared bucket seems to hold beyond the shortfall, so that
/// near empty, leases shrink to the request at hand.
/// </summary>
internal sealed partial class ModelQuota
{
    // The rate that sizes slices remembers about this long: enough to smooth bursts, short enough to follow a change
    // of load within a second or two.
    private static readonly TimeSpan RateMemory = TimeSpan.FromSeconds(1);

    // Beyond the request at hand, a lease asks for at most this share of what the shared bucket seems to hold. Far
    // from empty the slice target is the smaller; near empty this is, and leases shrink to exact grants, so budget
    // does not sit in one node's slice while another node refuses requests.
    private const double MaxShareOfRemaining = 0.25;

    private readonly DecayingRate _requestRate = new(RateMemory);
    private readonly DecayingRate _tokenRate = new(RateMemory);
    private readonly DecayingRate _interactiveRequestRate = new(RateMemory);
    private readonly DecayingRate _interactiveTokenRate = new(RateMemory);

    private void RecordDemand(QuotaAmount cost, bool batch, DateTimeOffset now)
    {
        _requestRate.Add(cost.Requests, now);
        _tokenRate.Add(cost.Tokens, now);
        if (!batch)
        {
            _interactiveRequestRate.Add(cost.Requests, now);
            _interactiveTokenRate.Add(cost.Tokens, now);
        }
    }

    /// <summary>A slice of traffic: the recent rate times the slice duration, in the limited dimensions.</summary>
    private QuotaAmount Target(DecayingRate requests, DecayingRate tokens, DateTimeOffset now)
    {
        var seconds = _options.SliceDuration.TotalSeconds;
        return new QuotaAmount(
            _limits.LimitsRequests ? Whole(requests.PerSecond(now) * seconds) : 0,
            _limits.LimitsTokens ? Whole(tokens.PerSecond(now) * seconds) : 0);

        static long Whole(double amount) => (long)Math.Ceiling(Math.Min(amount, QuotaLimits.MaxLimit));
    }

    /// <summary>
    /// What to lease beyond the shortfall: a slice of traffic, at least <see cref="QuotaOptions.MinSliceRequests"/>
    /// requests like this one, capped by a share of what the shared bucket seems to hold.
    /// </summary>
    private QuotaAmount Extra(QuotaAmount cost, QuotaAmount need, double reserve, DateTimeOffset now)
    {
        var rate = Target(_requestRate, _tokenRate, now);
        var target = new QuotaAmount(
            Math.Max(rate.Requests, _options.MinSliceRequests * cost.Requests),
            Math.Max(rate.Tokens, (long)Math.Min((double)_options.MinSliceRequests * cost.Tokens, QuotaLimits.MaxLimit)));
        if (_shared is null)
        {
            return target;
        }

        var room = _shared.Room(reserve, now);
        return new QuotaAmount(Capped(target.Requests, room.Requests, need.Requests), Capped(target.Tokens, room.Tokens, need.Tokens));

        static long Capped(long target, long room, long need) =>
            room == long.MaxValue ? target : Math.Min(target, (long)(Math.Max(0, room - need) * MaxShareOfRemaining));
    }
}
