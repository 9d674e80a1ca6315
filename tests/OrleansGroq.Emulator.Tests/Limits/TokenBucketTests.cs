using Microsoft.Extensions.Time.Testing;
using OrleansGroq.Emulator.Limits;

namespace OrleansGroq.Emulator.Tests.Limits;

public sealed class TokenBucketTests
{
    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public void Starts_full()
    {
        var bucket = new TokenBucket(30, TimeSpan.FromMinutes(1), _clock);

        Assert.Equal(30, bucket.Remaining);
        Assert.Equal(TimeSpan.Zero, bucket.TimeUntilFull);
    }

    [Fact]
    public void Refills_capacity_over_window_per_second()
    {
        var bucket = new TokenBucket(30, TimeSpan.FromMinutes(1), _clock);
        bucket.Take(30);

        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1.0, bucket.Level, 9);

        _clock.Advance(TimeSpan.FromSeconds(7));
        Assert.Equal(4.5, bucket.Level, 9);
        Assert.Equal(4, bucket.Remaining);
    }

    [Fact]
    public void Never_refills_above_capacity()
    {
        var bucket = new TokenBucket(1000, TimeSpan.FromDays(1), _clock);
        bucket.Take(10);

        _clock.Advance(TimeSpan.FromDays(3));

        Assert.Equal(1000, bucket.Level);
    }

    [Fact]
    public void Survives_huge_gaps_and_capacities_without_overflow()
    {
        var bucket = new TokenBucket(long.MaxValue / 2, TimeSpan.FromMinutes(1), _clock);
        bucket.Take(long.MaxValue / 4);

        _clock.Advance(TimeSpan.FromDays(365 * 1000));

        Assert.Equal(long.MaxValue / 2, bucket.Level);
        Assert.Equal(TimeSpan.Zero, bucket.TimeUntilFull);
    }

    [Fact]
    public void Time_until_a_request_is_missing_over_rate()
    {
        var perMinute = new TokenBucket(30, TimeSpan.FromMinutes(1), _clock);
        perMinute.Take(30);
        var perDay = new TokenBucket(1000, TimeSpan.FromDays(1), _clock);
        perDay.Take(1000);

        Assert.Equal(TimeSpan.FromSeconds(2), perMinute.TimeUntil(1));
        Assert.Equal(TimeSpan.FromSeconds(86.4), perDay.TimeUntil(1));
        Assert.Equal(TimeSpan.FromDays(1), perDay.TimeUntilFull);
    }

    [Fact]
    public void Charging_more_than_is_left_leaves_a_debt_that_refills_first()
    {
        var bucket = new TokenBucket(6000, TimeSpan.FromMinutes(1), _clock);
        bucket.Take(6500);

        Assert.Equal(0, bucket.Remaining);
        Assert.Equal(6500, bucket.Used);
        Assert.Equal(TimeSpan.FromSeconds(65), bucket.TimeUntilFull);

        _clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(500, bucket.Remaining);
    }

    [Fact]
    public void Used_rounds_partial_units_up()
    {
        var bucket = new TokenBucket(30, TimeSpan.FromMinutes(1), _clock);
        bucket.Take(30);
        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(0, bucket.Remaining);
        Assert.Equal(30, bucket.Used);
    }
}
