using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OrleansGroq.Abstractions.Keys;
using OrleansGroq.IntegrationTests.Infrastructure;

namespace OrleansGroq.IntegrationTests.Keys.Admin;

/// <summary><c>GET /admin/keys</c> after the two answers that take a key out of the pool: a 429 and a 401.</summary>
public sealed class AdminKeysTests
{
    private static readonly TestKey Limited = new("limited", "org_limited", "gsk_test_admin_keys_limited_secret");
    private static readonly TestKey Healthy = new("healthy", "org_healthy", "gsk_test_admin_keys_healthy_secret");

    // The emulator does not know it: it answers 401 invalid_api_key.
    private static readonly TestKey Revoked = new("revoked", "org_revoked", "gsk_test_admin_keys_revoked_secret");

    [Fact]
    public async Task Each_key_shows_its_account_state_cooldown_and_why_and_no_secret()
    {
        await using var upstream = await TestUpstream.StartAsync([Limited, Healthy], gatewayKeys: [Limited, Healthy, Revoked]);
        var control = upstream.Emulator.Control;
        var pool = upstream.Gateway.Services.GetRequiredService<IApiKeyPool>();
        var sessions = new[] { Revoked, Limited }.Select(key => SessionPreferring(pool, key.Alias)).ToList();
        control.SetLimits(Limited.Account, ChatBodies.Model, new() { Rpm = 1 });
        control.SetLimits(Healthy.Account, ChatBodies.Model, new() { Rpd = 1000, Tpm = 1_000_000 });
        using (var spent = await SpendAsync(upstream, Limited))
        {
            Assert.Equal(HttpStatusCode.OK, spent.StatusCode);
        }

        foreach (var session in sessions)
        {
            using var response = await upstream.Gateway.Http.SendAsync(ChatBodies.Post(ChatBodies.Simple(), session));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var before = DateTimeOffset.UtcNow;
        using var keys = await upstream.Gateway.Http.GetAsync("admin/keys");
        var text = await keys.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, keys.StatusCode);
        Assert.Equal(1, control.GetStats().Totals.RateLimited);
        Assert.Equal(1, control.GetStats().Unauthorized);
        foreach (var key in new[] { Limited, Healthy, Revoked })
        {
            Assert.DoesNotContain(key.Secret, text, StringComparison.Ordinal);
        }

        using var json = JsonDocument.Parse(text);
        Assert.Equal("list", json.RootElement.GetProperty("object").GetString());
        var data = json.RootElement.GetProperty("data").EnumerateArray().ToDictionary(k => k.GetProperty("alias").GetString()!);
        Assert.Equal([Limited.Alias, Healthy.Alias, Revoked.Alias], data.Keys);

        var limited = data[Limited.Alias];
        Assert.Equal(Limited.Account, limited.GetProperty("account").GetString());
        Assert.Equal("cooling", limited.GetProperty("state").GetString());
        Assert.Equal("requests_per_minute", limited.GetProperty("reason").GetString());
        Assert.InRange(limited.GetProperty("cooling_until").GetInt64(), before.ToUnixTimeSeconds(), before.AddSeconds(61).ToUnixTimeSeconds());
        Assert.Equal(
            (pool.GetStatus(Limited.Alias).CoolingUntil!.Value.ToUnixTimeMilliseconds() + 999) / 1000,
            limited.GetProperty("cooling_until").GetInt64());
        Assert.True(limited.GetProperty("last_rate_limits").GetProperty("retry_after_seconds").GetDouble() > 0);

        var revoked = data[Revoked.Alias];
        Assert.Equal("disabled", revoked.GetProperty("state").GetString());
        Assert.Equal("invalid_api_key", revoked.GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.Null, revoked.GetProperty("cooling_until").ValueKind);
        Assert.Equal(JsonValueKind.Null, revoked.GetProperty("last_rate_limits").ValueKind);

        var healthy = data[Healthy.Alias];
        Assert.Equal("available", healthy.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, healthy.GetProperty("cooling_until").ValueKind);
        Assert.Equal(JsonValueKind.Null, healthy.GetProperty("reason").ValueKind);
        var limits = healthy.GetProperty("last_rate_limits");
        Assert.Equal(1000, limits.GetProperty("limit_requests").GetInt64());
        Assert.InRange(limits.GetProperty("remaining_requests").GetInt64(), 990, 999);
        Assert.Equal(1_000_000, limits.GetProperty("limit_tokens").GetInt64());
        Assert.InRange(limits.GetProperty("received_at").GetInt64(), before.AddSeconds(-30).ToUnixTimeSeconds(), before.AddSeconds(1).ToUnixTimeSeconds());
    }

    private static string SessionPreferring(IApiKeyPool pool, string alias) =>
        Enumerable.Range(0, 10_000).Select(i => $"session-{i}").First(session => pool.Select(session).Key?.Alias == alias);

    private static async Task<HttpResponseMessage> SpendAsync(TestUpstream upstream, TestKey key)
    {
        using var http = new HttpClient { BaseAddress = upstream.Emulator.BaseAddress };
        using var request = ChatBodies.Post(ChatBodies.Simple());
        request.Headers.Authorization = new("Bearer", key.Secret);
        return await http.SendAsync(request);
    }
}
