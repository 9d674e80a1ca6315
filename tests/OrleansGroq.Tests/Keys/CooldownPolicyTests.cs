using OrleansGroq.Abstractions.Keys;
using OrleansGroq.Abstractions.Upstream;
using OrleansGroq.Grains.Keys;

namespace OrleansGroq.Tests.Keys;

public sealed class CooldownPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan DefaultCooldown = TimeSpan.FromSeconds(10);

    [Fact]
    public void A_429_with_retry_after_cools_for_that_long()
    {
        var decision = Evaluate(429, new RateLimitSnapshot { RetryAfter = TimeSpan.FromSeconds(2) });

        Assert.Equal(new CooldownDecision(Now + TimeSpan.FromSeconds(2), CooldownReason.RetryAfter, false), decision);
    }

    [Fact]
    public void A_429_with_retry_after_and_a_longer_message_wait_takes_the_longer()
    {
        var decision = Evaluate(429, new RateLimitSnapshot { RetryAfter = TimeSpan.FromSeconds(2) }, Error(RateLimitKind.RequestsPerMinute, 3));

        Assert.Equal(new CooldownDecision(Now + TimeSpan.FromSeconds(3), CooldownReason.RequestsPerMinute, false), decision);
    }

    [Fact]
    public void A_429_with_only_a_message_wait_cools_for_the_message_wait()
    {
        var decision = Evaluate(429, null, Error(RateLimitKind.Unknown, 11.19));

        Assert.Equal(new CooldownDecision(Now + TimeSpan.FromSeconds(11.19), CooldownReason.RetryAfter, false), decision);
    }

    [Fact]
    public void An_rpd_429_cools_until_the_request_reset()
    {
        var limits = new RateLimitSnapshot { RetryAfter = TimeSpan.FromSeconds(2), RemainingRequests = 3, ResetRequests = TimeSpan.FromHours(2) };

        var decision = Evaluate(429, limits, Error(RateLimitKind.RequestsPerDay, 60));

        Assert.Equal(new CooldownDecision(Now.AddHours(2), CooldownReason.RequestsPerDay, false), decision);
    }

    [Fact]
    public void A_tpm_429_cools_until_the_token_reset_when_it_is_later()
    {
        var decision = Evaluate(429, new RateLimitSnapshot { ResetTokens = TimeSpan.FromSeconds(30) }, Error(RateLimitKind.TokensPerMinute, 11.19));

        Assert.Equal(new CooldownDecision(Now + TimeSpan.FromSeconds(30), CooldownReason.TokensPerMinute, false), decision);
    }

    [Fact]
    public void A_tpm_429_cools_for_the_message_wait_when_it_is_later()
    {
        var decision = Evaluate(429, new RateLimitSnapshot { ResetTokens = TimeSpan.FromSeconds(7.66) }, Error(RateLimitKind.TokensPerMinute, 11.19));

        Assert.Equal(new CooldownDecision(Now + TimeSpan.FromSeconds(11.19), CooldownReason.TokensPerMinute, false), decision);
    }

    [Fact]
    public void A_tpd_429_cools_for_the_message_wait()
    {
        var decision = Evaluate(429, new RateLimitSnapshot { ResetTokens = TimeSpan.FromSeconds(5) }, Error(RateLimitKind.TokensPerDay, 5103.847));

        Assert.Equal(new CooldownDecision(Now + TimeSpan.FromSeconds(5103.847), CooldownReason.TokensPerDay, false), decision);
    }

    [Fact]
    public void A_token_429_that_names_no_limit_cools_until_the_token_reset()
    {
        var error = new UpstreamError("tokens", "rate_limit_exceeded", RateLimitKind.Unknown, null);

        var decision = Evaluate(429, new RateLimitSnapshot { ResetTokens = TimeSpan.FromSeconds(20) }, error);

        Assert.Equal(new CooldownDecision(Now + TimeSpan.FromSeconds(20), CooldownReason.TokensPerMinute, false), decision);
    }

    [Fact]
    public void A_429_that_says_nothing_rests_the_key_for_the_default()
    {
        var decision = Evaluate(429);

        Assert.Equal(new CooldownDecision(Now + DefaultCooldown, CooldownReason.RateLimited, false), decision);
    }

    [Fact]
    public void Exhausted_remaining_requests_cool_until_the_request_reset_even_on_a_success()
    {
        var decision = Evaluate(200, new RateLimitSnapshot { RemainingRequests = 0, ResetRequests = TimeSpan.FromHours(3), RemainingTokens = 100 });

        Assert.Equal(new CooldownDecision(Now.AddHours(3), CooldownReason.RequestsPerDay, false), decision);
    }

    [Fact]
    public void Exhausted_remaining_tokens_cool_until_the_token_reset()
    {
        var decision = Evaluate(200, new RateLimitSnapshot { RemainingTokens = 0, ResetTokens = TimeSpan.FromSeconds(5), RemainingRequests = 10 });

        Assert.Equal(new CooldownDecision(Now + TimeSpan.FromSeconds(5), CooldownReason.TokensPerMinute, false), decision);
    }

    [Theory]
    [InlineData(200)]
    [InlineData(201)]
    public void A_success_with_budget_left_changes_nothing(int status)
    {
        var limits = new RateLimitSnapshot { RemainingRequests = 5, ResetRequests = TimeSpan.FromHours(1), RemainingTokens = 10, ResetTokens = TimeSpan.FromSeconds(1) };

        Assert.Equal(CooldownDecision.None, Evaluate(status, limits));
    }

    [Fact]
    public void Exhausted_remaining_without_a_reset_changes_nothing()
    {
        Assert.Equal(CooldownDecision.None, Evaluate(200, new RateLimitSnapshot { RemainingRequests = 0, RemainingTokens = 0 }));
    }

    [Fact]
    public void A_401_disables_the_key()
    {
        var error = new UpstreamError("invalid_request_error", "invalid_api_key", RateLimitKind.Unknown, null);

        Assert.Equal(CooldownDecision.DisableKey, Evaluate(401, null, error));
    }

    [Theory]
    [InlineData(400)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(413)]
    [InlineData(422)]
    [InlineData(498)]
    [InlineData(499)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public void Other_failures_are_not_the_keys_fault(int status)
    {
        var limits = new RateLimitSnapshot { RetryAfter = TimeSpan.FromSeconds(30), RemainingRequests = 0, ResetRequests = TimeSpan.FromHours(1), RemainingTokens = 0, ResetTokens = TimeSpan.FromSeconds(9) };

        Assert.Equal(CooldownDecision.None, Evaluate(status, limits, Error(RateLimitKind.TokensPerMinute, 5)));
    }

    private static UpstreamError Error(RateLimitKind limit, double retryInSeconds) =>
        new(limit is RateLimitKind.TokensPerMinute or RateLimitKind.TokensPerDay ? "tokens" : "requests", "rate_limit_exceeded", limit, TimeSpan.FromSeconds(retryInSeconds));

    private static CooldownDecision Evaluate(int status, RateLimitSnapshot? limits = null, UpstreamError? error = null) =>
        CooldownPolicy.Evaluate(new UpstreamOutcome(status, limits, error), Now, DefaultCooldown);
}
