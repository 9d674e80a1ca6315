using Microsoft.Extensions.Time.Testing;
using OrleansGroq.Emulator.Limits;

namespace OrleansGroq.Emulator.Tests.Limits;

public sealed class RateLimitErrorsTests
{
    private readonly BucketSet _buckets = new(new ModelLimits { Rpm = 30, Tpm = 6000 }, new FakeTimeProvider());

    [Fact]
    public void Tpm_429_matches_groq_word_for_word()
    {
        _buckets.TryAdmit(3547, 3547);

        var error = RateLimitErrors.For(_buckets.TryAdmit(3572, 3572), "llama-3.1-8b-instant", "org_x", "on_demand");

        Assert.Equal(429, error.Status);
        Assert.Equal("tokens", error.Type);
        Assert.Equal("rate_limit_exceeded", error.Code);
        Assert.Equal(
            "Rate limit reached for model `llama-3.1-8b-instant` in organization `org_x` service tier `on_demand` on tokens per minute (TPM): Limit 6000, Used 3547, Requested 3572. Please try again in 11.19s. Need more tokens? Upgrade to Dev Tier today at https://console.groq.com/settings/billing",
            error.Message);
    }

    [Fact]
    public void Rpm_429_names_requests()
    {
        for (var i = 0; i < 30; i++)
        {
            _buckets.TryAdmit(1, 1);
        }

        var error = RateLimitErrors.For(_buckets.TryAdmit(1, 1), "m", "org_x", "on_demand");

        Assert.Equal("requests", error.Type);
        Assert.StartsWith(
            "Rate limit reached for model `m` in organization `org_x` service tier `on_demand` on requests per minute (RPM): Limit 30, Used 30, Requested 1. Please try again in 2s. ",
            error.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Too_large_is_a_413_with_groq_text()
    {
        var error = RateLimitErrors.For(_buckets.TryAdmit(10013, 10013), "m", "o", "on_demand");

        Assert.Equal(413, error.Status);
        Assert.Equal("tokens", error.Type);
        Assert.Equal("rate_limit_exceeded", error.Code);
        Assert.Equal(
            "Request too large for model `m` in organization `o` service tier `on_demand` on tokens per minute (TPM): Limit 6000, Requested 10013, please reduce your message size and try again. Visit https://console.groq.com/docs/rate-limits for more information.",
            error.Message);
    }
}
