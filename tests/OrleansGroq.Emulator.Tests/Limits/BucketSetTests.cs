using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using OrleansGroq.Emulator.Limits;

namespace OrleansGroq.Emulator.Tests.Limits;

public sealed class BucketSetTests
{
    private readonly FakeTimeProvider _clock = new();

    private BucketSet Buckets(long rpm = 0, long rpd = 0, long tpm = 0, long tpd = 0) =>
        new(new ModelLimits { Rpm = rpm, Rpd = rpd, Tpm = tpm, Tpd = tpd }, _clock);

    [Fact]
    public void Rpm_trips_before_rpd_when_both_are_empty()
    {
        var buckets = Buckets(rpm: 1, rpd: 1, tpm: 100, tpd: 100);
        Assert.True(buckets.TryAdmit(10, 10).IsAdmitted);

        var refused = buckets.TryAdmit(10, 10);

        Assert.Equal(AdmissionOutcome.RateLimited, refused.Outcome);
        Assert.Equal(LimitKind.Rpm, refused.Limit);
        Assert.Equal(1, refused.LimitValue);
        Assert.Equal(1, refused.Used);
        Assert.Equal(1, refused.Requested);
        Assert.Equal(TimeSpan.FromMinutes(1), refused.RetryAfter);
    }

    [Fact]
    public void Rpd_trips_when_only_the_day_is_spent()
    {
        var buckets = Buckets(rpm: 10, rpd: 2);
        buckets.TryAdmit(0, 0);
        buckets.TryAdmit(0, 0);

        var refused = buckets.TryAdmit(0, 0);

        Assert.Equal(LimitKind.Rpd, refused.Limit);
        Assert.Equal(TimeSpan.FromHours(12), refused.RetryAfter);
    }

    [Fact]
    public void Tpm_trips_before_tpd_and_tpd_after_minutes_refill()
    {
        var buckets = Buckets(tpm: 100, tpd: 150);
        Assert.True(buckets.TryAdmit(60, 60).IsAdmitted);

        var perMinute = buckets.TryAdmit(60, 60);
        Assert.Equal(LimitKind.Tpm, perMinute.Limit);
        Assert.Equal(60, perMinute.Used);
        Assert.Equal(TimeSpan.FromSeconds(12), perMinute.RetryAfter);

        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True(buckets.TryAdmit(60, 60).IsAdmitted);
        _clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(LimitKind.Tpd, buckets.TryAdmit(60, 60).Limit);
    }

    [Fact]
    public void A_request_larger_than_tpm_is_too_large_not_rate_limited()
    {
        var buckets = Buckets(rpm: 30, tpm: 6000);

        var tooLarge = buckets.TryAdmit(10013, 10013);

        Assert.Equal(AdmissionOutcome.TooLarge, tooLarge.Outcome);
        Assert.Equal(LimitKind.Tpm, tooLarge.Limit);
        Assert.Equal(6000, tooLarge.LimitValue);
        Assert.Equal(10013, tooLarge.Requested);
        Assert.Equal(6000, buckets.Snapshot().TokensRemaining);
    }

    [Fact]
    public void A_request_that_fits_tpm_but_not_what_is_left_is_rate_limited()
    {
        var buckets = Buckets(tpm: 6000);
        buckets.TryAdmit(3547, 3547);

        var refused = buckets.TryAdmit(3572, 3572);

        Assert.Equal(AdmissionOutcome.RateLimited, refused.Outcome);
        Assert.Equal(3547, refused.Used);
        Assert.Equal(3572, refused.Requested);
        Assert.Equal(TimeSpan.FromSeconds(11.19), refused.RetryAfter);
        Assert.Equal(12, refused.RetryAfterSeconds);
    }

    [Fact]
    public void Admission_needs_the_requested_tokens_but_charges_the_real_ones()
    {
        var buckets = Buckets(tpm: 100);

        Assert.True(buckets.TryAdmit(90, 20).IsAdmitted);
        Assert.Equal(80, buckets.Snapshot().TokensRemaining);
        Assert.False(buckets.TryAdmit(90, 10).IsAdmitted);
        Assert.True(buckets.TryAdmit(80, 10).IsAdmitted);
    }

    [Fact]
    public void Refused_and_too_large_requests_charge_nothing()
    {
        var buckets = Buckets(rpm: 5, rpd: 100, tpm: 100);
        buckets.TryAdmit(200, 200);
        buckets.TryAdmit(100, 100);
        buckets.TryAdmit(150, 150);

        var snapshot = buckets.Snapshot();

        Assert.Equal(99, snapshot.RequestsRemaining);
        Assert.Equal(0, snapshot.TokensRemaining);
    }

    [Fact]
    public void Headers_show_rpd_and_tpm_with_go_durations()
    {
        var buckets = Buckets(rpm: 30, rpd: 14400, tpm: 6000, tpd: 500000);
        var admission = buckets.TryAdmit(40, 40);
        var headers = new HeaderDictionary();

        RateLimitHeaders.Apply(headers, admission);

        Assert.Equal("14400", headers["x-ratelimit-limit-requests"]);
        Assert.Equal("14399", headers["x-ratelimit-remaining-requests"]);
        Assert.Equal("6s", headers["x-ratelimit-reset-requests"]);
        Assert.Equal("6000", headers["x-ratelimit-limit-tokens"]);
        Assert.Equal("5960", headers["x-ratelimit-remaining-tokens"]);
        Assert.Equal("400ms", headers["x-ratelimit-reset-tokens"]);
        Assert.False(headers.ContainsKey("retry-after"));
    }

    [Fact]
    public void Headers_follow_refill()
    {
        var buckets = Buckets(rpd: 1000, tpm: 12000);
        for (var i = 0; i < 30; i++)
        {
            buckets.TryAdmit(400, 400);
        }

        _clock.Advance(TimeSpan.FromSeconds(1.5));
        var headers = new HeaderDictionary();
        RateLimitHeaders.Apply(headers, buckets.Snapshot());

        Assert.Equal("970", headers["x-ratelimit-remaining-requests"]);
        Assert.Equal("43m10.5s", headers["x-ratelimit-reset-requests"]);
        Assert.Equal("300", headers["x-ratelimit-remaining-tokens"]);
        Assert.Equal("58.5s", headers["x-ratelimit-reset-tokens"]);
    }

    [Fact]
    public void An_rpm_429_has_retry_after_and_no_token_headers()
    {
        var buckets = Buckets(rpm: 30, rpd: 14400, tpm: 6000);
        for (var i = 0; i < 30; i++)
        {
            buckets.TryAdmit(1, 1);
        }

        var refused = buckets.TryAdmit(1, 1);
        var headers = new HeaderDictionary();
        RateLimitHeaders.Apply(headers, refused);

        Assert.Equal("2", headers["Retry-After"]);
        Assert.Equal("14370", headers["x-ratelimit-remaining-requests"]);
        Assert.False(headers.ContainsKey("x-ratelimit-limit-tokens"));
        Assert.False(headers.ContainsKey("x-ratelimit-remaining-tokens"));
    }

    [Fact]
    public void Retry_after_is_at_least_one_second()
    {
        var buckets = Buckets(tpm: 6000);
        buckets.TryAdmit(6000, 6000);

        var refused = buckets.TryAdmit(1, 1);

        Assert.Equal(TimeSpan.FromMilliseconds(10), refused.RetryAfter);
        Assert.Equal(1, refused.RetryAfterSeconds);
    }

    [Fact]
    public void Unlimited_limits_admit_everything_and_send_no_headers()
    {
        var buckets = Buckets();
        for (var i = 0; i < 1000; i++)
        {
            Assert.True(buckets.TryAdmit(1_000_000, 1_000_000).IsAdmitted);
        }

        var headers = new HeaderDictionary();
        RateLimitHeaders.Apply(headers, buckets.Snapshot());
        Assert.Empty(headers);
    }
}
