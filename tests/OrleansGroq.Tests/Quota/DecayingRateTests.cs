using Microsoft.Extensions.Time.Testing;
using OrleansGroq.Grains.Quota;

namespace OrleansGroq.Tests.Quota;

public sealed class DecayingRateTests
{
    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public void A_steady_rate_is_measured_after_a_few_time_constants()
    {
        var rate = new DecayingRate(TimeSpan.FromSeconds(1));

        for (var i = 0; i < 400; i++)
        {
            rate.Add(1, _clock.GetUtcNow());
            _clock.Advance(TimeSpan.FromMilliseconds(20));
        }

        Assert.InRange(rate.PerSecond(_clock.GetUtcNow()), 48, 52);
    }

    [Fact]
    public void The_rate_fades_when_traffic_stops()
    {
        var rate = new DecayingRate(TimeSpan.FromSeconds(1));
        rate.Add(50, _clock.GetUtcNow());

        _clock.Advance(TimeSpan.FromSeconds(5));

        Assert.InRange(rate.PerSecond(_clock.GetUtcNow()), 0.3, 0.35);
    }

    [Fact]
    public void A_clock_that_went_backwards_decays_nothing()
    {
        var rate = new DecayingRate(TimeSpan.FromSeconds(1));
        var now = _clock.GetUtcNow();
        rate.Add(10, now);

        rate.Add(10, now.AddSeconds(-30));

        Assert.Equal(20, rate.PerSecond(now));
    }
}
