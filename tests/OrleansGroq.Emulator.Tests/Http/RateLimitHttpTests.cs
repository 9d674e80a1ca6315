using System.Net;
using OrleansGroq.Emulator.Tests.Support;

namespace OrleansGroq.Emulator.Tests.Http;

public sealed class RateLimitHttpTests
{
    [Fact]
    public async Task Rpm_exhausted_gives_429_with_retry_after_and_groq_body_until_refill()
    {
        await using var emulator = await EmulatorScope.StartAsync(EmulatorScope.OneAccount(limits: new ModelLimits { Rpm = 2, Rpd = 1000, Tpm = 6000 }));
        Assert.Equal(HttpStatusCode.OK, (await emulator.PostChatAsync(EmulatorScope.Chat())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await emulator.PostChatAsync(EmulatorScope.Chat())).StatusCode);

        var (response, body) = await emulator.PostChatJsonAsync(EmulatorScope.Chat());

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("30", response.Headers.GetValues("retry-after").Single());
        Assert.Equal("998", response.Headers.GetValues("x-ratelimit-remaining-requests").Single());
        Assert.False(response.Headers.Contains("x-ratelimit-remaining-tokens"));
        var error = body.GetProperty("error");
        Assert.Equal("requests", error.GetProperty("type").GetString());
        Assert.Equal("rate_limit_exceeded", error.GetProperty("code").GetString());
        Assert.Equal(
            "Rate limit reached for model `llama-3.1-8b-instant` in organization `org_test` service tier `on_demand` on requests per minute (RPM): Limit 2, Used 2, Requested 1. Please try again in 30s. Need more tokens? Upgrade to Dev Tier today at https://console.groq.com/settings/billing",
            error.GetProperty("message").GetString());

        emulator.Clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await emulator.PostChatAsync(EmulatorScope.Chat())).StatusCode);
        emulator.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await emulator.PostChatAsync(EmulatorScope.Chat())).StatusCode);

        var stats = emulator.Control.GetStats().For("alpha", EmulatorScope.SmallModel);
        Assert.Equal((5, 3, 2), (stats.Requests, stats.Served, stats.RateLimited));
    }

    [Fact]
    public async Task Tpm_exhausted_gives_a_tokens_429_with_token_headers()
    {
        await using var emulator = await EmulatorScope.StartAsync(EmulatorScope.OneAccount(limits: new ModelLimits { Tpm = 100 }));
        await emulator.PostChatAsync(EmulatorScope.Chat(extra: "\"max_tokens\":50"));

        var (response, body) = await emulator.PostChatJsonAsync(EmulatorScope.Chat(extra: "\"max_tokens\":50"));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("tokens", body.GetProperty("error").GetProperty("type").GetString());
        Assert.Contains("on tokens per minute (TPM): Limit 100, Used 42, Requested 60.", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("58", response.Headers.GetValues("x-ratelimit-remaining-tokens").Single());
        Assert.Equal("2", response.Headers.GetValues("retry-after").Single());
    }

    [Fact]
    public async Task A_request_above_tpm_is_a_413()
    {
        await using var emulator = await EmulatorScope.StartAsync(EmulatorScope.OneAccount(limits: new ModelLimits { Tpm = 100 }));

        var (response, body) = await emulator.PostChatJsonAsync(EmulatorScope.Chat(extra: "\"max_tokens\":200"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(
            """{"message":"Request too large for model `llama-3.1-8b-instant` in organization `org_test` service tier `on_demand` on tokens per minute (TPM): Limit 100, Requested 210, please reduce your message size and try again. Visit https://console.groq.com/docs/rate-limits for more information.","type":"tokens","code":"rate_limit_exceeded"}""",
            body.GetProperty("error").GetRawText());
        Assert.Equal(1, emulator.Control.GetStats().For("alpha", EmulatorScope.SmallModel).TooLarge);
    }

    [Fact]
    public async Task Implicit_keys_are_separate_free_tier_accounts()
    {
        await using var emulator = await EmulatorScope.StartAsync();
        emulator.Control.SetLimits(ImplicitAccount(EmulatorScope.Key), EmulatorScope.SmallModel, new ModelLimits { Rpm = 1 });
        await emulator.PostChatAsync(EmulatorScope.Chat());

        Assert.Equal(HttpStatusCode.TooManyRequests, (await emulator.PostChatAsync(EmulatorScope.Chat())).StatusCode);

        using var other = new HttpRequestMessage(HttpMethod.Post, "openai/v1/chat/completions") { Content = new StringContent(EmulatorScope.Chat()) };
        other.Headers.Authorization = new("Bearer", "gsk_test_beta");
        var response = await emulator.Client.SendAsync(other);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("14399", response.Headers.GetValues("x-ratelimit-remaining-requests").Single());
    }

    [Fact]
    public async Task Cached_prompt_tokens_are_reported_and_not_charged()
    {
        const string Model = "openai/gpt-oss-20b";
        await using var emulator = await EmulatorScope.StartAsync(EmulatorScope.OneAccount(Model, new ModelLimits { Tpm = 100_000 }));
        var request = EmulatorScope.Chat(model: Model, content: new string('x', 2000));

        var (first, firstBody) = await emulator.PostChatJsonAsync(request);
        var (second, secondBody) = await emulator.PostChatJsonAsync(request);

        Assert.Equal(0, firstBody.GetProperty("usage").GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt32());
        var usage = secondBody.GetProperty("usage");
        var promptTokens = usage.GetProperty("prompt_tokens").GetInt32();
        var cached = usage.GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt32();
        Assert.Equal(504, promptTokens - 3);
        Assert.Equal(promptTokens - 3, cached);

        var charged = Remaining(first) - Remaining(second);
        Assert.Equal(promptTokens - cached + usage.GetProperty("completion_tokens").GetInt32(), charged);
        Assert.Equal(cached, emulator.Control.GetStats().For("alpha", Model).CachedTokens);
    }

    [Fact]
    public async Task Status_faults_consume_no_budget()
    {
        await using var emulator = await EmulatorScope.StartAsync(EmulatorScope.OneAccount(limits: new ModelLimits { Rpm = 1 }));
        emulator.Control.AddFault(new FaultRule { Kind = FaultKind.Status503, RequestNumbers = [1] });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await emulator.PostChatAsync(EmulatorScope.Chat())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await emulator.PostChatAsync(EmulatorScope.Chat())).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await emulator.PostChatAsync(EmulatorScope.Chat())).StatusCode);
    }

    private static int Remaining(HttpResponseMessage response) =>
        int.Parse(response.Headers.GetValues("x-ratelimit-remaining-tokens").Single(), System.Globalization.CultureInfo.InvariantCulture);

    private static string ImplicitAccount(string key) =>
        "org_" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)))[..12];
}
