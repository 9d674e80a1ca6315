using Microsoft.Extensions.Time.Testing;
using OrleansGroq.Abstractions.Quota;
using OrleansGroq.Grains.Quota;

namespace OrleansGroq.Tests.Quota;

public sealed class TokenBucketTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public void Capacity_over_a_window_refills_capacity_over_window_per_second()
    {
        var bucket = new TokenBucket(6000, Minute, 0, _clock.GetUtcNow());

        _clock.Advance(TimeSpan.FromSeconds(1.5));
        bucket.Refill(_clock.GetUtcNow());

        Assert.Equal(100, bucket.RatePerSecond);
        Assert.Equal(150, bucket.Level, 9);
    }

    [Fact]
    public void Refill_stops_at_capacity()
    {
        var bucket = new TokenBucket(60, Minute, 59, _clock.GetUtcNow());

        _clock.Advance(TimeSpan.FromMinutes(5));
        bucket.Refill(_clock.GetUtcNow());

        Assert.Equal(60, bucket.Level);
    }

    [Fact]
    public void Refilling_the_largest_capacity_after_ten_thousand_years_neither_overflows_nor_exceeds_capacity()
    {
        var bucket = new TokenBucket(QuotaLimits.MaxLimit, TimeSpan.FromTicks(1), -QuotaLimits.MaxLimit, DateTimeOffset.MinValue);

        bucket.Refill(DateTimeOffset.MaxValue);

        Assert.Equal(QuotaLimits.MaxLimit, bucket.Level);
        Assert.Equal(QuotaLimits.MaxLimit, bucket.Room(0));
    }

    [Fact]
    public void A_clock_that_went_backwards_refills_nothing_and_keeps_the_later_time()
    {
        var start = _clock.GetUtcNow();
        var bucket = new TokenBucket(60, Minute, 0, start.AddSeconds(10));

        bucket.Refill(start);
        Assert.Equal((0.0, start.AddSeconds(10)), (bucket.Level, bucket.RefilledAt));

        bucket.Refill(start.AddSeconds(11));
        Assert.Equal(1, bucket.Level, 9);
    }

    [Fact]
    public void Room_counts_whole_units_above_the_reserve_and_is_never_negative()
    {
        var bucket = new TokenBucket(60, Minute, 10.9, _clock.GetUtcNow());

        Assert.Equal(10, bucket.Room(0));
        Assert.Equal(4, bucket.Room(0.1));
        Assert.Equal(0, bucket.Room(0.5));
        Assert.Equal(54, TokenBucket.MaxGrant(60, 0.1));
    }

    [Fact]
    public void Charges_may_take_the_level_below_zero_and_returns_stop_at_capacity()
    {
        var bucket = new TokenBucket(100, Minute, 10, _clock.GetUtcNow());

        bucket.Take(10);
        bucket.Add(-30);
        Assert.Equal(-30, bucket.Level);
        Assert.Equal(0, bucket.Room(0));

        bucket.Add(1000);
        Assert.Equal(100, bucket.Level);
    }

    [Fact]
    public void The_wait_for_an_amount_is_the_refill_time_of_what_is_missing()
    {
        var bucket = new TokenBucket(6000, Minute, -50, _clock.GetUtcNow());

        Assert.Equal(TimeSpan.FromSeconds(1.5), bucket.TimeUntil(100, 0));
        Assert.Equal(TimeSpan.FromSeconds(7.5), bucket.TimeUntil(100, 0.1));
        Assert.Equal(TimeSpan.Zero, new TokenBucket(6000, Minute, 100, _clock.GetUtcNow()).TimeUntil(100, 0));
    }

    [Fact]
    public void A_wait_longer_than_ten_years_is_reported_as_ten_years()
    {
        var bucket = new TokenBucket(1, TimeSpan.FromDays(1), -QuotaLimits.MaxLimit, _clock.GetUtcNow());

        Assert.Equal(TimeSpan.FromDays(3650), bucket.TimeUntil(1, 0));
    }

    [Fact]
    public void A_smaller_capacity_caps_the_level_and_a_larger_one_fills_by_refill()
    {
        var bucket = new TokenBucket(100, Minute, 80, _clock.GetUtcNow());

        bucket.Resize(50);
        Assert.Equal(50, bucket.Level);

        bucket.Resize(120);
        Assert.Equal(50, bucket.Level);
        _clock.Advance(TimeSpan.FromSeconds(10));
        bucket.Refill(_clock.GetUtcNow());
        Assert.Equal(70, bucket.Level, 9);
    }
}
