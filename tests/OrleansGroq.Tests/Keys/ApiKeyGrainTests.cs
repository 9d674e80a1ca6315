using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansGroq.Abstractions.Keys;
using OrleansGroq.Abstractions.Runtime;
using OrleansGroq.Abstractions.Upstream;

namespace OrleansGroq.Tests.Keys;

public sealed class ApiKeyGrainTests
{
    private static readonly UpstreamError RpmError = new("requests", "rate_limit_exceeded", RateLimitKind.RequestsPerMinute, null);

    [Fact]
    public async Task A_429_cools_the_key_down_and_the_pool_sees_it_at_once()
    {
        await using var host = KeyTestHost.Create(("a", "org-a"));

        var status = await host.ReportAsync("a", 429, new RateLimitSnapshot { RetryAfter = TimeSpan.FromSeconds(30) }, RpmError);

        Assert.Equal(new ApiKeyStatus(new ApiKeyInfo("a", "org-a"), host.Now.AddSeconds(30), CooldownReason.RequestsPerMinute, false), status);
        Assert.Same(status, host.Pool.GetStatus("a"));
        Assert.False(host.Pool.Select("any").Found);
    }

    [Fact]
    public async Task A_shorter_cooldown_never_shortens_a_longer_one()
    {
        await using var host = KeyTestHost.Create(("a", "org-a"));
        var until = host.Now.AddSeconds(60);

        await host.ReportAsync("a", 429, new RateLimitSnapshot { RetryAfter = TimeSpan.FromSeconds(60) });
        host.Clock.Advance(TimeSpan.FromSeconds(10));
        var status = await host.ReportAsync("a", 429, new RateLimitSnapshot { RetryAfter = TimeSpan.FromSeconds(5) });

        Assert.Equal(until, status.CoolingUntil);
        Assert.Equal(CooldownReason.RetryAfter, status.Reason);
    }

    [Fact]
    public async Task A_longer_cooldown_extends_a_shorter_one()
    {
        await using var host = KeyTestHost.Create(("a", "org-a"));

        await host.ReportAsync("a", 429, new RateLimitSnapshot { RetryAfter = TimeSpan.FromSeconds(5) });
        var status = await host.ReportAsync("a", 429, null, new UpstreamError("requests", "rate_limit_exceeded", RateLimitKind.RequestsPerDay, TimeSpan.FromHours(2)));

        Assert.Equal(host.Now.AddHours(2), status.CoolingUntil);
        Assert.Equal(CooldownReason.RequestsPerDay, status.Reason);
    }

    [Fact]
    public async Task After_a_cooldown_ends_a_new_shorter_one_applies()
    {
        await using var host = KeyTestHost.Create(("a", "org-a"));
        await host.ReportAsync("a", 429, new RateLimitSnapshot { RetryAfter = TimeSpan.FromSeconds(60) });

        host.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.True(host.Pool.Select("any").Found);
        var status = await host.ReportAsync("a", 429, new RateLimitSnapshot { RetryAfter = TimeSpan.FromSeconds(5) });

        Assert.Equal(host.Now.AddSeconds(5), status.CoolingUntil);
    }

    [Fact]
    public async Task A_401_disables_the_key_for_good()
    {
        await using var host = KeyTestHost.Create(("a", "org-a"), ("b", "org-b"));

        var status = await host.ReportAsync("a", 401, null, new UpstreamError("invalid_request_error", "invalid_api_key", RateLimitKind.Unknown, null));
        host.Clock.Advance(TimeSpan.FromDays(30));
        await host.ReportAsync("a", 200, new RateLimitSnapshot { RemainingRequests = 100 });

        Assert.True(status.Disabled);
        Assert.True(host.Pool.GetStatus("a").Disabled);
        Assert.All(Enumerable.Range(0, 200), i => Assert.Equal("b", host.Select($"session-{i}")));
        Assert.True((await host.Key("a").GetStateAsync()).Disabled);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(413)]
    [InlineData(500)]
    [InlineData(503)]
    public async Task Failures_that_are_not_rate_limits_leave_the_key_in_place(int statusCode)
    {
        await using var host = KeyTestHost.Create(("a", "org-a"), ("b", "org-b"), ("c", "org-c"));
        var preferred = host.Select("session-1");

        var status = await host.ReportAsync(preferred, statusCode, new RateLimitSnapshot { RetryAfter = TimeSpan.FromSeconds(30) });

        Assert.True(status.IsAvailableAt(host.Now));
        Assert.Equal(preferred, host.Select("session-1"));
    }

    [Fact]
    public async Task Every_response_updates_the_last_rate_limits()
    {
        await using var host = KeyTestHost.Create(("a", "org-a"));
        var limits = new RateLimitSnapshot { RemainingTokens = 4825, LimitTokens = 6000 };

        await host.ReportAsync("a", 200, limits);
        var state = await host.Key("a").GetStateAsync();

        Assert.Equal(limits, state.LastRateLimits);
        Assert.Equal(host.Now, state.LastRateLimitsAt);
        Assert.True(host.Pool.GetStatus("a").IsAvailableAt(host.Now));
    }

    [Fact]
    public async Task A_cooldown_is_written_at_once_and_headers_only_at_collection()
    {
        await using var host = KeyTestHost.Create(("a", "org-a"));
        var storage = host.Services.GetRequiredService<IGrainStorage>();
        var id = new GrainId("ApiKeyGrain", "a");

        await host.ReportAsync("a", 429, new RateLimitSnapshot { RetryAfter = TimeSpan.FromMinutes(30) });
        await host.ReportAsync("a", 200, new RateLimitSnapshot { RemainingTokens = 7 });
        var written = (await storage.ReadAsync<ApiKeyState>(id, nameof(ApiKeyState), default))!.State;

        Assert.Equal(host.Now.AddMinutes(30), written.CoolingUntil);
        Assert.Null(written.LastRateLimits?.RemainingTokens);

        host.Clock.Advance(TimeSpan.FromMinutes(16));
        await host.Runtime.LastCollection;
        var flushed = (await storage.ReadAsync<ApiKeyState>(id, nameof(ApiKeyState), default))!.State;

        Assert.Equal(0, host.Runtime.CountActivations<IApiKeyGrain>());
        Assert.Equal(7, flushed.LastRateLimits?.RemainingTokens);
        Assert.Equal(flushed, await host.Key("a").GetStateAsync());
    }

    [Fact]
    public async Task A_remote_change_merges_with_max_deadline_semantics()
    {
        await using var host = KeyTestHost.Create(("a", "org-a"));
        await host.ReportAsync("a", 429, new RateLimitSnapshot { RetryAfter = TimeSpan.FromMinutes(10) });

        var shorter = await host.Key("a").ApplyRemoteChangeAsync(new ApiKeyStateChange(host.Now.AddMinutes(1), CooldownReason.RequestsPerMinute, false));
        Assert.Equal(host.Now.AddMinutes(10), shorter.CoolingUntil);
        Assert.Equal(CooldownReason.RetryAfter, shorter.Reason);

        var longer = await host.Key("a").ApplyRemoteChangeAsync(new ApiKeyStateChange(host.Now.AddHours(5), CooldownReason.RequestsPerDay, false));
        Assert.Equal(new ApiKeyStatus(new ApiKeyInfo("a", "org-a"), host.Now.AddHours(5), CooldownReason.RequestsPerDay, false), longer);
        Assert.Same(longer, host.Pool.GetStatus("a"));

        var disabled = await host.Key("a").ApplyRemoteChangeAsync(new ApiKeyStateChange(null, CooldownReason.None, true));
        Assert.True(disabled.Disabled);
        Assert.Equal(host.Now.AddHours(5), disabled.CoolingUntil);

        var notEnabled = await host.Key("a").ApplyRemoteChangeAsync(new ApiKeyStateChange(null, CooldownReason.None, false));
        Assert.True(notEnabled.Disabled);
    }

    [Fact]
    public async Task Persisted_state_reaches_the_pool_at_start()
    {
        await using var host = KeyTestHost.Create(("a", "org-a"), ("b", "org-b"));
        var storage = host.Services.GetRequiredService<IGrainStorage>();
        await storage.WriteAsync(new GrainId("ApiKeyGrain", "a"), nameof(ApiKeyState), new ApiKeyState { Disabled = true }, null, default);
        await storage.WriteAsync(
            new GrainId("ApiKeyGrain", "b"), nameof(ApiKeyState), new ApiKeyState { CoolingUntil = host.Now.AddHours(1), CooldownReason = CooldownReason.TokensPerDay }, null, default);

        foreach (var service in host.Services.GetServices<IHostedService>())
        {
            await service.StartAsync(default);
        }

        Assert.True(host.Pool.GetStatus("a").Disabled);
        Assert.Equal(host.Now.AddHours(1), host.Pool.GetStatus("b").CoolingUntil);
        Assert.Equal(new ApiKeySelection(null, host.Now.AddHours(1), true), host.Pool.Select("s"));
    }

    [Fact]
    public async Task An_unknown_alias_cannot_be_activated()
    {
        await using var host = KeyTestHost.Create(("a", "org-a"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.Key("nope").GetStatusAsync().AsTask());

        Assert.Contains("'nope'", error.Message, StringComparison.Ordinal);
    }
}
