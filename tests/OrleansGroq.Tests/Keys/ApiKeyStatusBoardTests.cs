using Microsoft.Extensions.DependencyInjection;
using OrleansGroq.Abstractions.Keys;
using OrleansGroq.Abstractions.Upstream;
using OrleansGroq.Grains.Keys;

namespace OrleansGroq.Tests.Keys;

/// <summary>Each silo's board of key statuses: what it learns from the key grains, and in which order.</summary>
public sealed class ApiKeyStatusBoardTests
{
    private static readonly UpstreamError RpmError = new("requests", "rate_limit_exceeded", RateLimitKind.RequestsPerMinute, null);

    [Fact]
    public async Task A_starting_silo_takes_every_keys_status_before_its_first_request()
    {
        var first = await KeyTestHost.StartAsync(("a", "org-a"), ("b", "org-b"));
        first.Grains["a"].State = new ApiKeyState { Disabled = true, Version = 1 };
        first.Grains["b"].State = new ApiKeyState { CoolingUntil = first.Now.AddHours(1), CooldownReason = CooldownReason.TokensPerDay, Version = 1 };
        await first.DisposeAsync();

        await using var host = await first.StartAnotherSiloAsync();

        Assert.True(host.Pool.GetStatus("a").Disabled);
        Assert.Equal(host.Now.AddHours(1), host.Pool.GetStatus("b").CoolingUntil);
        Assert.Equal(new ApiKeySelection(null, host.Now.AddHours(1), true), host.Pool.Select("s"));
    }

    [Fact]
    public async Task A_cooldown_one_silo_reports_reaches_every_silos_pool_and_their_own_reports_of_it_cost_no_grain_call()
    {
        await using var reporter = await KeyTestHost.StartAsync(("a", "org-a"), ("b", "org-b"));
        await using var other = await reporter.StartAnotherSiloAsync();

        var status = await reporter.ReportAsync("a", 429, new RateLimitSnapshot { RetryAfter = TimeSpan.FromSeconds(30) }, RpmError);
        await other.ReportAsync("a", 429, new RateLimitSnapshot { RetryAfter = TimeSpan.FromSeconds(10) }, RpmError);

        Assert.Equal(status, other.Pool.GetStatus("a"));
        Assert.All(Enumerable.Range(0, 50), i => Assert.Equal("b", other.Select($"session-{i}")));
        Assert.Equal(1, reporter.Grains.Reports);
    }

    [Fact]
    public async Task The_rate_limit_headers_a_silo_received_stay_on_that_silo()
    {
        await using var receiver = await KeyTestHost.StartAsync(("a", "org-a"));
        await using var other = await receiver.StartAnotherSiloAsync();

        await receiver.ReportAsync("a", 200, new RateLimitSnapshot { RemainingTokens = 7 });

        Assert.Equal(7, receiver.Pool.GetLastRateLimits("a")?.Limits.RemainingTokens);
        Assert.Null(other.Pool.GetLastRateLimits("a"));
    }

    [Fact]
    public async Task A_status_older_than_the_one_the_board_holds_is_ignored()
    {
        await using var host = await KeyTestHost.StartAsync(("a", "org-a"));
        var board = host.Services.GetRequiredService<ApiKeyStatusBoard>();
        var key = new ApiKeyInfo("a", "org-a");
        var newer = new ApiKeyStatus(key, host.Now.AddMinutes(5), CooldownReason.RequestsPerDay, true, Version: 2);
        var older = new ApiKeyStatus(key, host.Now.AddSeconds(30), CooldownReason.RequestsPerMinute, false, Version: 1);
        var sameVersion = newer with { Disabled = false };

        await board.StatusChangedAsync(newer);
        await board.StatusChangedAsync(older);
        await board.StatusChangedAsync(sameVersion);

        Assert.Same(newer, host.Pool.GetStatus("a"));
    }

    [Fact]
    public async Task The_answer_to_a_report_never_undoes_a_newer_notification()
    {
        await using var host = await KeyTestHost.StartAsync(("a", "org-a"));
        var board = host.Services.GetRequiredService<ApiKeyStatusBoard>();
        var disabled = new ApiKeyStatus(new ApiKeyInfo("a", "org-a"), null, CooldownReason.None, true, Version: 5);
        host.Grains["a"].State = new ApiKeyState { Version = 3 };
        await board.StatusChangedAsync(disabled);

        var status = await host.ReportAsync("a", 429, new RateLimitSnapshot { RetryAfter = TimeSpan.FromSeconds(30) }, RpmError);

        Assert.Same(disabled, status);
        Assert.Same(disabled, host.Pool.GetStatus("a"));
    }

    [Fact]
    public async Task A_status_for_a_key_this_silo_does_not_have_is_ignored()
    {
        await using var host = await KeyTestHost.StartAsync(("a", "org-a"));
        var board = host.Services.GetRequiredService<ApiKeyStatusBoard>();

        await board.StatusChangedAsync(new ApiKeyStatus(new ApiKeyInfo("z", "org-z"), null, CooldownReason.None, true, Version: 1));

        Assert.Equal(["a"], host.Pool.Keys.Select(key => key.Alias));
        Assert.False(host.Pool.GetStatus("a").Disabled);
    }

    [Fact]
    public async Task Subscriptions_are_renewed_on_a_timer_and_catch_up_on_a_missed_change()
    {
        await using var host = await KeyTestHost.StartAsync(("a", "org-a"));
        var grain = host.Grains["a"];

        // A key grain that came back on another silo, with a change this board was never told of.
        grain.State = new ApiKeyState { Disabled = true, Version = 1 };
        host.Clock.Advance(new ApiKeyPoolOptions().SubscriptionRenewal - TimeSpan.FromTicks(1));
        var before = host.Pool.GetStatus("a").Disabled;
        host.Clock.Advance(TimeSpan.FromTicks(1));

        Assert.False(before);
        Assert.True(host.Pool.GetStatus("a").Disabled);
        Assert.Equal(2, grain.Subscriptions);
    }

    [Fact]
    public async Task A_renewal_that_fails_is_logged_and_the_next_one_catches_up()
    {
        await using var host = await KeyTestHost.StartAsync(("a", "org-a"));
        var grain = host.Grains["a"];
        var renewal = new ApiKeyPoolOptions().SubscriptionRenewal;
        grain.State = new ApiKeyState { Disabled = true, Version = 1 };
        grain.FailingSubscriptions = 1;

        host.Clock.Advance(renewal);
        Assert.True(await EventuallyAsync(() => host.Logs.Entries.Any(entry => entry.Contains("ApiKeySubscriptionRenewFailed", StringComparison.Ordinal))));
        var afterFailure = host.Pool.GetStatus("a").Disabled;
        host.Clock.Advance(renewal);

        Assert.False(afterFailure);
        Assert.True(await EventuallyAsync(() => host.Pool.GetStatus("a").Disabled));
        Assert.Equal(2, grain.Subscriptions);
    }

    [Fact]
    public async Task A_board_subscribes_with_its_silos_address_and_is_told_of_changes_it_never_asked_about()
    {
        await using var first = await KeyTestHost.StartAsync(("a", "org-a"));
        await using var second = await first.StartAnotherSiloAsync();

        var status = await first.ReportAsync("a", 429, new RateLimitSnapshot { RetryAfter = TimeSpan.FromSeconds(30) }, RpmError);

        Assert.Equal([first.SiloAddress, second.SiloAddress], first.Grains["a"].Subscribers);
        Assert.Same(status, second.Pool.GetStatus("a"));
    }

    [Fact]
    public async Task A_stopped_silo_renews_nothing()
    {
        var host = await KeyTestHost.StartAsync(("a", "org-a"));

        await host.DisposeAsync();
        host.Clock.Advance(new ApiKeyPoolOptions().SubscriptionRenewal * 3);

        Assert.Equal(1, host.Grains["a"].Subscriptions);
    }

    // Waits, in real time, for work the board does in continuations; the time it reasons about is the fake clock's.
    private static async Task<bool> EventuallyAsync(Func<bool> condition, TimeSpan? within = null)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            if (waited.Elapsed > (within ?? TimeSpan.FromSeconds(10)))
            {
                return false;
            }

            await Task.Delay(1);
        }

        return true;
    }
}
