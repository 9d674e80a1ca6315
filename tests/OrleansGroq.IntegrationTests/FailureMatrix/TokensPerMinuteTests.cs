using System.Net;
using Microsoft.Extensions.Time.Testing;
using OrleansGroq.IntegrationTests.Infrastructure;
using static OrleansGroq.IntegrationTests.FailureMatrix.MatrixModels;

namespace OrleansGroq.IntegrationTests.FailureMatrix;

/// <summary>Matrix row: 429 on the tokens-per-minute limit, and the gateway's own token budget running out.</summary>
public sealed class TokensPerMinuteTests
{
    private static readonly TestKey A = new("tpm-a", "org_tpm_a", "gsk_test_matrix_tpm_account_a");

    [Fact]
    public async Task Tpm_429_cools_the_key_until_the_token_reset_and_tries_the_fallback_model()
    {
        // Groq's clock stands still, so that its bucket cannot refill between spending it and the gateway's request
        // however slowly a loaded machine gets there.
        await using var upstream = await TestUpstream.StartAsync([A], emulatorTime: new FakeTimeProvider(DateTimeOffset.UtcNow));
        var control = upstream.Emulator.Control;
        control.SetLimits(A.Account, Quality, new() { Tpm = 300 });
        TimeSpan retryAfter;
        using (var refused = await EmulatorDirect.SpendUntilRateLimitedAsync(upstream.Emulator, A, ChatBodies.Simple(Quality)))
        {
            retryAfter = refused.Headers.RetryAfter!.Delta!.Value;
        }

        var before = DateTimeOffset.UtcNow;
        using var response = await upstream.Gateway.Http.SendAsync(ChatBodies.Post(ChatBodies.Simple("quality")));

        Assert.Equal(2, control.GetStats().For(A.Alias, Quality).RateLimited);
        var key = (await AdminKeys.ReadAsync(upstream.Gateway))[A.Alias];
        Assert.Equal("cooling", key.State());
        Assert.Equal("tokens_per_minute", key.Reason());

        // Until the bucket is full again (about a minute for 286 of 300 tokens), not just the few seconds of retry-after.
        Assert.InRange(key.CoolingUntil()!.Value, before + retryAfter + TimeSpan.FromSeconds(30), before.AddSeconds(61));

        // Groq's limits are per model: the key still has the smaller model's whole budget.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Speed, response.Header("x-orleansgroq-model"));
        Assert.Equal("alias:quality", response.Header("x-orleansgroq-route"));
        Assert.Equal($"groq:{Quality}=rate_limited,groq:{Speed}=answer", response.Header("x-orleansgroq-cascade"));
        Assert.Equal(2, response.Attempts());
        Assert.Equal(1, control.GetStats().For(A.Alias, Speed).Served);
    }

    [Fact]
    public async Task A_token_budget_spent_past_the_deadline_goes_to_the_fallback_model_without_a_429()
    {
        await using var upstream = await TestUpstream.StartAsync([A], new Dictionary<string, string>
        {
            [$"Quota:Accounts:{A.Account}:{Quality}:Tpm"] = "60",

            // Headroom routing would move the request before the budget runs out; this row is about running out.
            ["Routing:HeadroomThreshold"] = "0",
        });
        var control = upstream.Emulator.Control;
        control.Unlimit([A], Quality);

        HttpResponseMessage? moved = null;
        for (var i = 0; i < 10 && moved is null; i++)
        {
            var request = ChatBodies.Post(ChatBodies.Simple("quality"));
            request.Headers.Add("x-orleansgroq-max-wait-ms", "0");
            var response = await upstream.Gateway.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            if (response.Header("x-orleansgroq-model") == Speed)
            {
                moved = response;
            }
            else
            {
                response.Dispose();
            }
        }

        Assert.NotNull(moved);
        using var _ = moved;
        Assert.Equal($"groq:{Quality}=rate_limited,groq:{Speed}=answer", moved.Header("x-orleansgroq-cascade"));
        Assert.Equal(1, moved.Attempts());
        Assert.Equal(A.Alias, moved.Header("x-orleansgroq-key"));
        Assert.Equal(0, control.GetStats().Totals.RateLimited);
        Assert.Equal("available", (await AdminKeys.ReadAsync(upstream.Gateway))[A.Alias].State());
    }
}
