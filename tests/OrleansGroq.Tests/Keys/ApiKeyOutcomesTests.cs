using OrleansGroq.Abstractions.Keys;
using OrleansGroq.Abstractions.Upstream;

namespace OrleansGroq.Tests.Keys;

/// <summary>What an upstream answer does to its key: on this silo's pool at once, and in the key's grain only when it is news.</summary>
public sealed class ApiKeyOutcomesTests
{
    private static readonly UpstreamError RpmError = new("requests", "rate_limit_exceeded", RateLimitKind.RequestsPerMinute, null);
    private static readonly UpstreamError InvalidKey = new("invalid_request_error", "invalid_api_key", RateLimitKind.Unknown, null);

    [Fact]
    public async Task A_429_cools_the_key_down_in_its_grain_and_the_pool_sees_it_at_once()
    {
        await using var host = await KeyTestHost.StartAsync(("a", "org-a"));

        var status = await host.ReportAsync("a", 429, new RateLimitSnapshot { RetryAfter = TimeSpan.FromSeconds(30) }, RpmError);

        Assert.Equal(new ApiKeyStatus(new ApiKeyInfo("a", "org-a"), host.Now.AddSeconds(30), CooldownReason.RequestsPerMinute, false, Version: 1), status);
        Assert.Same(status, host.Pool.GetStatus("a"));
        Assert.False(host.Pool.Select("any").Found);
        Assert.Equal(1, host.Grains["a"].Reports);
        Assert.Equal(host.Now.AddSeconds(30), host.Grains["a"].State.CoolingUntil);
    }

    [Fact]
    public async Task A_report_refused_by_a_silo_that_just_died_is_sent_again_and_the_key_cools()
    {
        await using var host = await KeyTestHost.StartAsync(("a", "org-a"));
        host.Grains["a"].FailingReports = 1;

        var report = host.ReportAsync("a", 429, new RateLimitSnapshot { RetryAfter = TimeSpan.FromSeconds(30) }, RpmError).AsTask();
        Assert.False(report.IsCompleted);
        host.Clock.Advance(TimeSpan.FromMilliseconds(100));
        var status = await report;

        Assert.Equal(host.Now.AddSeconds(30), status.CoolingUntil);
        Assert.Equal(2, host.Grains["a"].Reports);
        Assert.Contains(host.Logs.Entries, entry => entry.Contains("ApiKeyReportRetried", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_report_refused_on_every_attempt_leaves_the_request_its_answer_and_is_made_again_with_the_next_429()
    {
        await using var host = await KeyTestHost.StartAsync(("a", "org-a"));
        host.Grains["a"].FailingReports = 3;

        var report = host.ReportAsync("a", 429, new RateLimitSnapshot { RetryAfter = TimeSpan.FromSeconds(30) }, RpmError).AsTask();
        host.Clock.Advance(TimeSpan.FromMilliseconds(100));
        host.Clock.Advance(TimeSpan.FromMilliseconds(100));
        var lost = await report;
        var next = await host.ReportAsync("a", 429, new RateLimitSnapshot { RetryAfter = TimeSpan.FromSeconds(30) }, RpmError);

        Assert.Null(lost.CoolingUntil);
        Assert.Equal(host.Now.AddSeconds(30), next.CoolingUntil);
        Assert.Equal(4, host.Grains["a"].Reports);
        Assert.Contains(host.Logs.Entries, entry => entry.Contains("ApiKeyReportFailed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_shorter_cooldown_never_shortens_a_longer_one_and_costs_no_grain_call()
    {
        await using var host = await KeyTestHost.StartAsync(("a", "org-a"));
        var until = host.Now.AddSeconds(60);

        await host.ReportAsync("a", 429, new RateLimitSnapshot { RetryAfter = TimeSpan.FromSeconds(60) });
        host.Clock.Advance(TimeSpan.FromSeconds(10));
        var status = await host.ReportAsync("a", 429, new RateLimitSnapshot { RetryAfter = TimeSpan.FromSeconds(5) });

        Assert.Equal(until, status.CoolingUntil);
        Assert.Equal(CooldownReason.RetryAfter, status.Reason);
        Assert.Equal(1, host.Grains["a"].Reports);
    }

    [Fact]
    public async Task A_longer_cooldown_extends_a_shorter_one()
    {
        await using var host = await KeyTestHost.StartAsync(("a", "org-a"));

        await host.ReportAsync("a", 429, new RateLimitSnapshot { RetryAfter = TimeSpan.FromSeconds(5) });
        var status = await host.ReportAsync("a", 429, null, new UpstreamError("requests", "rate_limit_exceeded", RateLimitKind.RequestsPerDay, TimeSpan.FromHours(2)));

        Assert.Equal(host.Now.AddHours(2), status.CoolingUntil);
        Assert.Equal(CooldownReason.RequestsPerDay, status.Reason);
        Assert.Equal(2, status.Version);
        Assert.Same(status, host.Pool.GetStatus("a"));
    }

    [Fact]
    public async Task After_a_cooldown_ends_a_new_shorter_one_applies()
    {
        await using var host = await KeyTestHost.StartAsync(("a", "org-a"));
        await host.ReportAsync("a", 429, new RateLimitSnapshot { RetryAfter = TimeSpan.FromSeconds(60) });

        host.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.True(host.Pool.Select("any").Found);
        var status = await host.ReportAsync("a", 429, new RateLimitSnapshot { RetryAfter = TimeSpan.FromSeconds(5) });

        Assert.Equal(host.Now.AddSeconds(5), status.CoolingUntil);
        Assert.Equal(2, host.Grains["a"].Reports);
    }

    [Fact]
    public async Task A_401_disables_the_key_for_good()
    {
        await using var host = await KeyTestHost.StartAsync(("a", "org-a"), ("b", "org-b"));

        var status = await host.ReportAsync("a", 401, null, InvalidKey);
        host.Clock.Advance(TimeSpan.FromDays(30));
        await host.ReportAsync("a", 200, new RateLimitSnapshot { RemainingRequests = 100 });
        await host.ReportAsync("a", 401, null, InvalidKey);

        Assert.True(status.Disabled);
        Assert.True(host.Pool.GetStatus("a").Disabled);
        Assert.All(Enumerable.Range(0, 200), i => Assert.Equal("b", host.Select($"session-{i}")));
        Assert.True(host.Grains["a"].State.Disabled);
        Assert.Equal(1, host.Grains["a"].Reports);
    }

    [Fact]
    public async Task Disabling_a_cooling_key_keeps_its_cooldown()
    {
        await using var host = await KeyTestHost.StartAsync(("a", "org-a"));
        await host.ReportAsync("a", 429, new RateLimitSnapshot { RetryAfter = TimeSpan.FromMinutes(5) }, RpmError);

        var status = await host.ReportAsync("a", 401, null, InvalidKey);

        Assert.Equal(new ApiKeyStatus(new ApiKeyInfo("a", "org-a"), host.Now.AddMinutes(5), CooldownReason.RequestsPerMinute, true, Version: 2), status);
        Assert.Equal(2, host.Grains["a"].Reports);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(413)]
    [InlineData(500)]
    [InlineData(503)]
    public async Task Failures_that_are_not_rate_limits_leave_the_key_in_place_without_a_grain_call(int statusCode)
    {
        await using var host = await KeyTestHost.StartAsync(("a", "org-a"), ("b", "org-b"), ("c", "org-c"));
        var preferred = host.Select("session-1");

        var status = await host.ReportAsync(preferred, statusCode, new RateLimitSnapshot { RetryAfter = TimeSpan.FromSeconds(30) });

        Assert.True(status.IsAvailableAt(host.Now));
        Assert.Equal(preferred, host.Select("session-1"));
        Assert.Equal(0, host.Grains.Reports);
    }

    [Fact]
    public async Task Answers_that_change_neither_cooldown_nor_disabled_cost_no_grain_call()
    {
        await using var host = await KeyTestHost.StartAsync(("a", "org-a"));
        await host.ReportAsync("a", 429, new RateLimitSnapshot { RetryAfter = TimeSpan.FromMinutes(5) }, RpmError);

        await host.ReportAsync("a", 429, new RateLimitSnapshot { RetryAfter = TimeSpan.FromSeconds(5) }, RpmError);
        await host.ReportAsync("a", 500, new RateLimitSnapshot { RetryAfter = TimeSpan.FromHours(1) });
        await host.ReportAsync("a", 200, new RateLimitSnapshot { RemainingTokens = 4000, LimitTokens = 6000, RemainingRequests = 99 });

        Assert.Equal(1, host.Grains["a"].Reports);
        Assert.Equal(4000, host.Pool.GetLastRateLimits("a")?.Limits.RemainingTokens);
    }

    [Fact]
    public async Task Every_response_with_headers_updates_the_last_rate_limits_on_this_silo()
    {
        await using var host = await KeyTestHost.StartAsync(("a", "org-a"));
        var limits = new RateLimitSnapshot { RemainingTokens = 4825, LimitTokens = 6000 };
        Assert.Null(host.Pool.GetLastRateLimits("a"));

        await host.ReportAsync("a", 200, limits);
        var receivedAt = host.Now;
        host.Clock.Advance(TimeSpan.FromSeconds(3));
        await host.ReportAsync("a", 200);

        Assert.Equal(new ObservedRateLimits(limits, receivedAt), host.Pool.GetLastRateLimits("a"));
        Assert.True(host.Pool.GetStatus("a").IsAvailableAt(host.Now));
        Assert.Equal(0, host.Grains.Reports);
    }

    [Fact]
    public async Task An_unknown_alias_is_an_error_and_reaches_no_grain()
    {
        await using var host = await KeyTestHost.StartAsync(("a", "org-a"));

        var error = await Assert.ThrowsAsync<KeyNotFoundException>(() => host.Outcomes.ReportAsync(new ApiKeyInfo("nope", "org-a"), new UpstreamOutcome(429)).AsTask());

        Assert.Contains("'nope'", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, host.Grains.Reports);
        Assert.Throws<KeyNotFoundException>(() => host.Pool.GetLastRateLimits("nope"));
    }
}
