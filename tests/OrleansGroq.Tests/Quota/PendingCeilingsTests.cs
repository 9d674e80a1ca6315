using Microsoft.Extensions.Time.Testing;
using OrleansGroq.Abstractions.Quota;
using OrleansGroq.Grains.Quota;

namespace OrleansGroq.Tests.Quota;

public sealed class PendingCeilingsTests
{
    private static readonly QuotaLimits Limits = new(60, 14_400, 6000, 0);

    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public void A_ceiling_rises_at_its_buckets_refill_rate_until_it_is_taken()
    {
        var pending = new PendingCeilings();
        pending.Add(new QuotaCeilings(null, 100, null, null), Limits, _clock.GetUtcNow());
        pending.Add(new QuotaCeilings(null, null, 1000, null), Limits, _clock.GetUtcNow());

        _clock.Advance(TimeSpan.FromSeconds(6));
        var ceilings = pending.Take(Limits, _clock.GetUtcNow());

        Assert.Equal(new QuotaCeilings(null, 101, 1600, null), ceilings);
        Assert.True(pending.IsEmpty);
        Assert.Null(pending.Take(Limits, _clock.GetUtcNow()));
    }

    [Fact]
    public void The_lower_of_two_ceilings_wins_compared_at_the_same_time()
    {
        var pending = new PendingCeilings();
        pending.Add(new QuotaCeilings(null, null, 1000, null), Limits, _clock.GetUtcNow());
        _clock.Advance(TimeSpan.FromSeconds(5));

        pending.Add(new QuotaCeilings(null, null, 1400, null), Limits, _clock.GetUtcNow());
        pending.Add(new QuotaCeilings(null, null, 1600, null), Limits, _clock.GetUtcNow());

        Assert.Equal(1400, pending.Take(Limits, _clock.GetUtcNow())!.Tpm);
    }

    [Fact]
    public void A_ceiling_at_or_above_capacity_or_on_an_unlimited_bucket_says_nothing()
    {
        var pending = new PendingCeilings();
        pending.Add(new QuotaCeilings(60, null, 5000, 0), Limits, _clock.GetUtcNow());

        _clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Null(pending.Take(Limits, _clock.GetUtcNow()));
    }
}
