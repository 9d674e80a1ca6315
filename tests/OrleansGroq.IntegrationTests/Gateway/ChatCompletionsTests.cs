using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using OrleansGroq.Emulator;
using OrleansGroq.IntegrationTests.Infrastructure;

namespace OrleansGroq.IntegrationTests.Gateway;

public sealed partial class ChatCompletionsTests : IAsyncLifetime
{
    private static readonly TestKey KeyA = new("a1", "org_a", "gsk_test_account_a_key_one");
    private static readonly TestKey KeyB = new("b1", "org_b", "gsk_test_account_b_key_one");

    private TestUpstream _upstream = null!;

    private HttpClient Gateway => _upstream.Gateway.Http;

    private EmulatorControl Emulator => _upstream.Emulator.Control;

    public async Task InitializeAsync() => _upstream = await TestUpstream.StartAsync([KeyA, KeyB]);

    public async Task DisposeAsync() => await _upstream.DisposeAsync();

    [Fact]
    public async Task Non_stream_request_is_served_with_the_gateway_headers()
    {
        using var response = await Gateway.SendAsync(ChatBodies.Post(ChatBodies.Simple()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("chat.completion", body.RootElement.GetProperty("object").GetString());
        Assert.NotEmpty(body.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!);
        Assert.Equal(ChatBodies.Model, response.Header("x-orleansgroq-model"));
        Assert.Contains(response.Header("x-orleansgroq-key"), new[] { KeyA.Alias, KeyB.Alias });
        Assert.Equal(1, response.Attempts());
        Assert.True(double.Parse(response.Header("x-orleansgroq-overhead-ms"), System.Globalization.CultureInfo.InvariantCulture) >= 0);
        Assert.NotEmpty(response.Header("x-request-id"));
        Assert.DoesNotContain(response.Headers, h => h.Value.Any(v => v.Contains(KeyA.Secret, StringComparison.Ordinal) || v.Contains(KeyB.Secret, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_alias_is_resolved_and_the_forwarded_body_names_the_model()
    {
        using var response = await Gateway.SendAsync(ChatBodies.Post(ChatBodies.Simple(model: "speed")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ChatBodies.Model, response.Header("x-orleansgroq-model"));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(ChatBodies.Model, body.RootElement.GetProperty("model").GetString());
        Assert.Equal(1, Emulator.GetStats().Totals.Served);
    }

    [Fact]
    public async Task Streamed_chunks_pass_through_unchanged()
    {
        var body = ChatBodies.Simple(stream: true, maxTokens: 12);
        using var direct = new HttpClient { BaseAddress = _upstream.Emulator.BaseAddress };
        using var directRequest = ChatBodies.Post(body);
        directRequest.Headers.Authorization = new("Bearer", KeyA.Secret);
        var expected = await (await direct.SendAsync(directRequest)).Content.ReadAsStringAsync();

        using var response = await Gateway.SendAsync(ChatBodies.Post(body, sessionId: "stream-session"));
        var relayed = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith("data: [DONE]\n\n", relayed, StringComparison.Ordinal);
        Assert.Equal(Normalize(expected), Normalize(relayed));
    }

    [Fact]
    public async Task A_429_cools_the_key_and_the_request_is_served_by_another_account()
    {
        using var first = await Gateway.SendAsync(ChatBodies.Post(ChatBodies.Simple(), sessionId: "s-429"));
        var pinned = first.Header("x-orleansgroq-key");
        var (pinnedKey, otherKey) = pinned == KeyA.Alias ? (KeyA, KeyB) : (KeyB, KeyA);
        Emulator.SetLimits(pinnedKey.Account, ChatBodies.Model, new ModelLimits { Rpm = 1 });
        var directRateLimits = await ExhaustDirectlyAsync(pinnedKey);

        using var second = await Gateway.SendAsync(ChatBodies.Post(ChatBodies.Simple(), sessionId: "s-429"));
        using var third = await Gateway.SendAsync(ChatBodies.Post(ChatBodies.Simple(), sessionId: "s-429"));

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(otherKey.Alias, second.Header("x-orleansgroq-key"));
        Assert.Equal(2, second.Attempts());
        Assert.Equal(otherKey.Alias, third.Header("x-orleansgroq-key"));
        Assert.Equal(1, third.Attempts());
        Assert.Equal(directRateLimits + 1, Emulator.GetStats().For(pinnedKey.Alias, ChatBodies.Model).RateLimited);
    }

    [Fact]
    public async Task A_5xx_is_retried_with_backoff_on_the_same_key()
    {
        Emulator.AddFault(new FaultRule { Kind = FaultKind.Status500, RequestNumbers = [1] });

        using var response = await Gateway.SendAsync(ChatBodies.Post(ChatBodies.Simple()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, response.Attempts());
        var stats = Emulator.GetStats().For(response.Header("x-orleansgroq-key"), ChatBodies.Model);
        Assert.Equal((2, 1, 1), (stats.Requests, stats.Errors, stats.Served));
    }

    [Fact]
    public async Task A_field_groq_does_not_document_passes_through_and_groqs_4xx_comes_back_faithfully()
    {
        using var response = await Gateway.SendAsync(ChatBodies.Post(
            """{"model":"llama-3.1-8b-instant","x_tomorrow":{"a":1},"messages":[{"role":"user","content":"x"}]}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("property 'x_tomorrow' is unsupported", (await response.ErrorAsync()).GetProperty("message").GetString());
        Assert.Equal(1, Emulator.GetStats().Totals.Requests);
    }

    [Theory]
    [InlineData("{\"model\":\"llama-3.1-8b-instant\",", 400, "invalid_json", null)]
    [InlineData("{\"model\":\"llama-3.1-8b-instant\",\"messages\":\"hello\"}", 400, "invalid_type", "messages")]
    [InlineData("{\"model\":\"llama-3.1-8b-instant\"}", 400, "missing_required_parameter", "messages")]
    [InlineData("{\"model\":\"llama-3.1-8b-instant\",\"messages\":[{\"role\":\"robot\",\"content\":\"x\"}]}", 400, "invalid_value", "messages[0].role")]
    [InlineData("{\"model\":\"gpt-17\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", 404, "model_not_found", "model")]
    [InlineData("{\"model\":\"gpt-17\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", 404, "model_not_found", "model")]
    [InlineData("{\"model\":\"whisper-large-v3\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", 400, "model_not_supported", "model")]
    public async Task Bad_input_gets_a_4xx_naming_the_problem_and_never_reaches_upstream(string body, int status, string code, string? param)
    {
        using var response = await Gateway.SendAsync(ChatBodies.Post(body));

        Assert.Equal(status, (int)response.StatusCode);
        var error = await response.ErrorAsync();
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        Assert.Equal(0, Emulator.GetStats().Totals.Requests);
    }

    [Fact]
    public async Task The_openai_style_route_serves_the_same_api()
    {
        using var response = await Gateway.SendAsync(ChatBodies.Post(ChatBodies.Simple(), path: "v1/chat/completions"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Spends an account's budget by calling the emulator directly; returns the 429s that took (one).</summary>
    private async Task<long> ExhaustDirectlyAsync(TestKey key)
    {
        using var direct = new HttpClient { BaseAddress = _upstream.Emulator.BaseAddress };
        for (var i = 0; i < 10; i++)
        {
            using var request = ChatBodies.Post(ChatBodies.Simple());
            request.Headers.Authorization = new("Bearer", key.Secret);
            using var response = await direct.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                return 1;
            }
        }

        throw new InvalidOperationException($"The emulator never rate-limited {key.Alias}.");
    }

    private static string Normalize(string sse) => Volatile().Replace(sse, "");

    // Ids, timestamps and timings differ from one request to the next; everything else must match.
    [GeneratedRegex("\"(id|created|queue_time|prompt_time|completion_time|total_time)\":(\"[^\"]*\"|[0-9.eE+-]+)")]
    private static partial Regex Volatile();
}
