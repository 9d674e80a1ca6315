using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Time.Testing;
using OrleansGroq.Emulator;
using OrleansGroq.IntegrationTests.Infrastructure;
using static OrleansGroq.IntegrationTests.FailureMatrix.MatrixModels;

namespace OrleansGroq.IntegrationTests.FailureMatrix;

/// <summary>Matrix row: 429 with <c>retry-after</c> on the requests-per-minute limit.</summary>
public sealed class RequestsPerMinuteTests
{
    private static readonly TestKey A = new("rpm-a", "org_rpm_a", "gsk_test_matrix_rpm_account_a");
    private static readonly TestKey B = new("rpm-b", "org_rpm_b", "gsk_test_matrix_rpm_account_b");

    [Fact]
    public async Task Rpm_429_with_retry_after_cools_the_key_and_moves_to_another_accounts_key()
    {
        await using var upstream = await TestUpstream.StartAsync([A, B]);
        var control = upstream.Emulator.Control;
        control.SetLimits(A.Account, Speed, new() { Rpm = 1 });
        var session = KeyAffinity.SessionPreferring(upstream.Gateway, A.Alias);
        using (var spent = await EmulatorDirect.SendAsync(upstream.Emulator, A, ChatBodies.Simple()))
        {
            Assert.Equal(HttpStatusCode.OK, spent.StatusCode);
        }

        var before = DateTimeOffset.UtcNow;
        using var response = await upstream.Gateway.Http.SendAsync(ChatBodies.Post(ChatBodies.Simple(), session));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(B.Alias, response.Header("x-orleansgroq-key"));
        Assert.Equal(Speed, response.Header("x-orleansgroq-model"));
        Assert.Equal(2, response.Attempts());
        Assert.Equal("", response.Header("x-orleansgroq-cascade"));
        var stats = control.GetStats();
        Assert.Equal(1, stats.For(A.Alias, Speed).RateLimited);
        Assert.Equal(1, stats.For(B.Alias, Speed).Served);

        var keys = await AdminKeys.ReadAsync(upstream.Gateway);
        Assert.Equal("cooling", keys[A.Alias].State());
        Assert.Equal("requests_per_minute", keys[A.Alias].Reason());
        Assert.InRange(keys[A.Alias].CoolingUntil()!.Value, before.AddSeconds(55), before.AddSeconds(62));
        Assert.Equal("available", keys[B.Alias].State());

        // The session's key is cooling: its next request goes straight to the other account's key.
        using var next = await upstream.Gateway.Http.SendAsync(ChatBodies.Post(ChatBodies.Simple(), session));
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal(B.Alias, next.Header("x-orleansgroq-key"));
        Assert.Equal(1, next.Attempts());
        Assert.Equal(2, control.GetStats().For(A.Alias, Speed).Requests);
    }

    [Fact]
    public async Task Rpm_429_on_the_only_account_is_a_429_with_retry_after_when_the_cooldown_outlasts_max_wait()
    {
        await using var upstream = await TestUpstream.StartAsync([A]);
        var control = upstream.Emulator.Control;
        control.SetLimits(A.Account, Speed, new() { Rpm = 1 });
        using (var spent = await EmulatorDirect.SendAsync(upstream.Emulator, A, ChatBodies.Simple()))
        {
            Assert.Equal(HttpStatusCode.OK, spent.StatusCode);
        }

        using var limited = await upstream.Gateway.Http.SendAsync(WithMaxWait(ChatBodies.Post(ChatBodies.Simple()), 500));

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("rate_limit_exceeded", (await limited.ErrorAsync()).GetProperty("code").GetString());
        Assert.InRange(limited.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 50, 60);
        Assert.Equal(1, limited.Attempts());
        Assert.Equal(1, control.GetStats().For(A.Alias, Speed).RateLimited);
        var key = (await AdminKeys.ReadAsync(upstream.Gateway))[A.Alias];
        Assert.Equal("cooling", key.State());
        Assert.Equal("requests_per_minute", key.Reason());

        // While the key cools, the gateway answers for Groq: no request goes upstream to collect another 429.
        using var again = await upstream.Gateway.Http.SendAsync(WithMaxWait(ChatBodies.Post(ChatBodies.Simple()), 500));
        Assert.Equal(HttpStatusCode.TooManyRequests, again.StatusCode);
        Assert.InRange(again.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 50, 60);
        Assert.Equal(0, again.Attempts());
        Assert.Equal(2, control.GetStats().For(A.Alias, Speed).Requests);
    }

    [Fact]
    public async Task Rpm_429_on_the_only_account_waits_for_the_cooldown_within_max_wait()
    {
        // The emulator's clock is frozen, so its bucket refills only when the test says so.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await EmulatorHost.StartAsync(
            new EmulatorOptions { Accounts = [new AccountOptions { Id = A.Account, Keys = [new ApiKeyOptions { Alias = A.Alias, Secret = A.Secret }] }] },
            clock);
        await using var gateway = await GatewayHost.StartAsync(new Uri(emulator.BaseAddress, "openai/v1/"), [A]);
        emulator.Control.SetLimits(A.Account, Speed, new() { Rpm = 60 });
        using (var refused = await EmulatorDirect.SpendUntilRateLimitedAsync(emulator, A, ChatBodies.Simple()))
        {
            Assert.Equal("1", refused.Headers.GetValues("retry-after").Single());
        }

        var started = Stopwatch.StartNew();
        var pending = gateway.Http.SendAsync(WithMaxWait(ChatBodies.Post(ChatBodies.Simple()), 5000));
        await Polling.UntilAsync(() => emulator.Control.GetStats().For(A.Alias, Speed).RateLimited == 2 || pending.IsCompleted, "the gateway's request is refused upstream");
        clock.Advance(TimeSpan.FromSeconds(1));
        using var response = await pending;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(A.Alias, response.Header("x-orleansgroq-key"));
        Assert.Equal(2, response.Attempts());
        Assert.InRange(started.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5));
    }

    private static HttpRequestMessage WithMaxWait(HttpRequestMessage request, int milliseconds)
    {
        request.Headers.Add("x-orleansgroq-max-wait-ms", milliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return request;
    }
}
