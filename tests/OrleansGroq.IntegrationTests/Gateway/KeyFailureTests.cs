using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OrleansGroq.Abstractions.Keys;
using OrleansGroq.IntegrationTests.Infrastructure;

namespace OrleansGroq.IntegrationTests.Gateway;

public sealed class KeyFailureTests
{
    private static readonly TestKey Good = new("good", "org_good", "gsk_test_good_key_for_key_failures");

    [Fact]
    public async Task A_401_disables_the_key_and_it_is_never_used_again()
    {
        // The emulator knows only the good key: the revoked one is answered with 401 invalid_api_key.
        var revoked = new TestKey("revoked", "org_revoked", "gsk_test_revoked_key_unknown_upstream");
        await using var upstream = await TestUpstream.StartAsync([Good], gatewayKeys: [Good, revoked]);

        var attempts = 0;
        for (var i = 0; i < 24; i++)
        {
            using var response = await upstream.Gateway.Http.SendAsync(ChatBodies.Post(ChatBodies.Simple(), sessionId: $"session-{i}"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(Good.Alias, response.Header("x-orleansgroq-key"));
            attempts += response.Attempts();
        }

        Assert.Equal(24 + 1, attempts);
        Assert.Equal(1, upstream.Emulator.Control.GetStats().Unauthorized);
        var pool = upstream.Gateway.Services.GetRequiredService<IApiKeyPool>();
        Assert.True(pool.GetStatus(revoked.Alias).Disabled);
    }

    [Fact]
    public async Task When_every_key_is_rate_limited_the_client_gets_a_429_with_a_truthful_retry_after()
    {
        await using var upstream = await TestUpstream.StartAsync([Good]);
        upstream.Emulator.Control.SetLimits(Good.Account, ChatBodies.Model, new() { Rpm = 2 });

        HttpResponseMessage? limited = null;
        for (var i = 0; i < 5 && limited is null; i++)
        {
            var response = await upstream.Gateway.Http.SendAsync(ChatBodies.Post(ChatBodies.Simple()));
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
            else
            {
                response.Dispose();
            }
        }

        Assert.NotNull(limited);
        using var _ = limited;
        var retryAfter = limited.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 60);
        Assert.Equal("rate_limit_exceeded", (await limited.ErrorAsync()).GetProperty("code").GetString());
        Assert.Equal(1, upstream.Emulator.Control.GetStats().Totals.RateLimited);
    }
}
