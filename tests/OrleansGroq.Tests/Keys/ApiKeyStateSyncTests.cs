using Microsoft.Extensions.DependencyInjection;
using OrleansGroq.Abstractions.Keys;
using OrleansGroq.Abstractions.Upstream;
using OrleansGroq.Grains.Keys;

namespace OrleansGroq.Tests.Keys;

/// <summary>What a key grain tells the other nodes, and when.</summary>
public sealed class ApiKeyStateSyncTests
{
    private static readonly UpstreamError RpmError = new("requests", "rate_limit_exceeded", RateLimitKind.RequestsPerMinute, null);
    private static readonly UpstreamError InvalidKey = new("invalid_request_error", "invalid_api_key", RateLimitKind.Unknown, null);

    [Fact]
    public async Task A_cooldown_is_published_once_with_its_deadline_and_reason()
    {
        var sync = new RecordingApiKeyStateSync();
        await using var host = KeyTestHost.Create(sync, ("a", "org-a"));

        await host.ReportAsync("a", 429, new RateLimitSnapshot { RetryAfter = TimeSpan.FromSeconds(30) }, RpmError);

        var (alias, change) = Assert.Single(sync.Published);
        Assert.Equal("a", alias);
        Assert.Equal(new ApiKeyStateChange(host.Now.AddSeconds(30), CooldownReason.RequestsPerMinute, false), change);
    }

    [Fact]
    public async Task Disabling_a_cooling_key_publishes_both()
    {
        var sync = new RecordingApiKeyStateSync();
        await using var host = KeyTestHost.Create(sync, ("a", "org-a"));
        await host.ReportAsync("a", 429, new RateLimitSnapshot { RetryAfter = TimeSpan.FromMinutes(5) }, RpmError);

        await host.ReportAsync("a", 401, null, InvalidKey);

        Assert.Equal(
            [new ApiKeyStateChange(host.Now.AddMinutes(5), CooldownReason.RequestsPerMinute, false), new ApiKeyStateChange(host.Now.AddMinutes(5), CooldownReason.RequestsPerMinute, true)],
            sync.Published.Select(p => p.Change));
    }

    [Fact]
    public async Task Answers_that_change_neither_cooldown_nor_disabled_publish_nothing()
    {
        var sync = new RecordingApiKeyStateSync();
        await using var host = KeyTestHost.Create(sync, ("a", "org-a"));
        await host.ReportAsync("a", 429, new RateLimitSnapshot { RetryAfter = TimeSpan.FromMinutes(5) }, RpmError);

        await host.ReportAsync("a", 429, new RateLimitSnapshot { RetryAfter = TimeSpan.FromSeconds(5) }, RpmError);
        await host.ReportAsync("a", 500, new RateLimitSnapshot { RetryAfter = TimeSpan.FromHours(1) });
        await host.ReportAsync("a", 200, new RateLimitSnapshot { RemainingTokens = 4000, LimitTokens = 6000, RemainingRequests = 99 });

        Assert.Single(sync.Published);
        Assert.Equal(4000, (await host.Key("a").GetStateAsync()).LastRateLimits?.RemainingTokens);
    }

    [Fact]
    public async Task A_change_learned_from_another_node_is_not_published_back()
    {
        var sync = new RecordingApiKeyStateSync();
        await using var host = KeyTestHost.Create(sync, ("a", "org-a"));

        var status = await host.Key("a").ApplyRemoteChangeAsync(new ApiKeyStateChange(host.Now.AddMinutes(1), CooldownReason.TokensPerMinute, true));

        Assert.True(status.Disabled);
        Assert.Empty(sync.Published);
    }

    [Fact]
    public async Task A_failed_publication_is_logged_by_alias_and_the_key_still_cools_down_here()
    {
        var sync = new RecordingApiKeyStateSync { Publish = () => Task.FromException(new TimeoutException("database unreachable")) };
        await using var host = KeyTestHost.Create(sync, ("a", "org-a"), ("b", "org-b"));

        var status = await host.ReportAsync("a", 429, new RateLimitSnapshot { RetryAfter = TimeSpan.FromSeconds(30) }, RpmError);

        Assert.False(status.IsAvailableAt(host.Now));
        Assert.False(host.Pool.GetStatus("a").IsAvailableAt(host.Now));
        var entry = Assert.Single(host.Logs.Entries, e => e.Contains("ApiKeyStatePublishFailed", StringComparison.Ordinal));
        Assert.Contains("Warning", entry, StringComparison.Ordinal);
        Assert.Contains("Alias, a", entry, StringComparison.Ordinal);
        Assert.Contains("database unreachable", entry, StringComparison.Ordinal);
        Assert.DoesNotContain(KeyTestHost.SecretOf("a"), string.Concat(host.Logs.Entries), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_request_does_not_wait_for_the_publication_but_deactivation_does()
    {
        var pending = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sync = new RecordingApiKeyStateSync { Publish = () => pending.Task };
        await using var host = KeyTestHost.Create(sync, ("a", "org-a"));

        var report = host.ReportAsync("a", 429, new RateLimitSnapshot { RetryAfter = TimeSpan.FromSeconds(30) }, RpmError);
        Assert.True(report.IsCompleted);

        var stopping = host.Runtime.StopAsync(CancellationToken.None);
        await Task.Delay(50);
        Assert.False(stopping.IsCompleted);

        pending.SetResult();
        await stopping.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(0, host.Runtime.CountActivations<IApiKeyGrain>());
    }

    [Fact]
    public async Task A_single_node_shares_with_no_one_by_default()
    {
        await using var host = KeyTestHost.Create(("a", "org-a"));

        Assert.IsType<SingleNodeApiKeyStateSync>(host.Services.GetRequiredService<IApiKeyStateSync>());
        var status = await host.ReportAsync("a", 429, new RateLimitSnapshot { RetryAfter = TimeSpan.FromSeconds(30) }, RpmError);
        Assert.False(status.IsAvailableAt(host.Now));
    }
}
