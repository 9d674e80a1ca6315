using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using OrleansGroq.Emulator.Tests.Support;

namespace OrleansGroq.Emulator.Tests.Http;

public sealed class ChatCompletionsHttpTests : IAsyncLifetime
{
    private EmulatorScope _emulator = null!;

    public async Task InitializeAsync() => _emulator = await EmulatorScope.StartAsync();

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task Non_stream_response_has_groq_shape_and_headers()
    {
        var (response, body) = await _emulator.PostChatJsonAsync(EmulatorScope.Chat());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Matches("^chatcmpl-[0-9a-f-]{36}$", body.GetProperty("id").GetString());
        Assert.Equal("chat.completion", body.GetProperty("object").GetString());
        Assert.Equal(_emulator.Clock.GetUtcNow().ToUnixTimeSeconds(), body.GetProperty("created").GetInt64());
        Assert.Equal(EmulatorScope.SmallModel, body.GetProperty("model").GetString());

        var choice = Assert.Single(body.GetProperty("choices").EnumerateArray());
        Assert.Equal(0, choice.GetProperty("index").GetInt32());
        Assert.Equal("assistant", choice.GetProperty("message").GetProperty("role").GetString());
        Assert.Equal(32, choice.GetProperty("message").GetProperty("content").GetString()!.Split(' ').Length);
        Assert.Equal(JsonValueKind.Null, choice.GetProperty("logprobs").ValueKind);
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());

        var usage = body.GetProperty("usage");
        Assert.Equal(["queue_time", "prompt_tokens", "prompt_time", "completion_tokens", "completion_time", "total_tokens", "total_time"], usage.EnumerateObject().Select(p => p.Name));
        Assert.Equal(10, usage.GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(32, usage.GetProperty("completion_tokens").GetInt32());
        Assert.Equal(42, usage.GetProperty("total_tokens").GetInt32());
        Assert.Equal(32 / 560.0, usage.GetProperty("completion_time").GetDouble(), 6);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("usage_breakdown").ValueKind);
        Assert.Matches("^fp_[0-9a-f]{10}$", body.GetProperty("system_fingerprint").GetString());
        Assert.Matches("^req_[0-9a-z]{26}$", body.GetProperty("x_groq").GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Number, body.GetProperty("x_groq").GetProperty("seed").ValueKind);
        Assert.Equal("on_demand", body.GetProperty("service_tier").GetString());

        Assert.Equal("14400", Header(response, "x-ratelimit-limit-requests"));
        Assert.Equal("14399", Header(response, "x-ratelimit-remaining-requests"));
        Assert.Equal("6s", Header(response, "x-ratelimit-reset-requests"));
        Assert.Equal("6000", Header(response, "x-ratelimit-limit-tokens"));
        Assert.Equal("5958", Header(response, "x-ratelimit-remaining-tokens"));
        Assert.Equal("420ms", Header(response, "x-ratelimit-reset-tokens"));
    }

    [Fact]
    public async Task The_same_request_gets_the_same_text()
    {
        var (_, first) = await _emulator.PostChatJsonAsync(EmulatorScope.Chat(content: "same"));
        var (_, second) = await _emulator.PostChatJsonAsync(EmulatorScope.Chat(content: "same"));

        Assert.Equal(Content(first), Content(second));
        Assert.NotEqual(first.GetProperty("id").GetString(), second.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Max_tokens_gives_finish_reason_length()
    {
        var (_, body) = await _emulator.PostChatJsonAsync(EmulatorScope.Chat(extra: "\"max_tokens\":3"));

        Assert.Equal("length", body.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(3, body.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task Reasoning_models_add_reasoning_and_reasoning_tokens()
    {
        var (_, body) = await _emulator.PostChatJsonAsync(EmulatorScope.Chat(model: "openai/gpt-oss-120b"));

        Assert.Equal(16, body.GetProperty("choices")[0].GetProperty("message").GetProperty("reasoning").GetString()!.Split(' ').Length);
        Assert.Equal(16, body.GetProperty("usage").GetProperty("completion_tokens_details").GetProperty("reasoning_tokens").GetInt32());
        Assert.Equal(48, body.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task Raw_reasoning_goes_into_think_tags()
    {
        var (_, body) = await _emulator.PostChatJsonAsync(EmulatorScope.Chat(model: "qwen/qwen3-32b", extra: "\"reasoning_format\":\"raw\""));
        var message = body.GetProperty("choices")[0].GetProperty("message");

        Assert.StartsWith("<think>\n", message.GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Contains("\n</think>\n\n", message.GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.False(message.TryGetProperty("reasoning", out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer sk-not-groq")]
    [InlineData("Basic Z3NrX3Rlc3Q=")]
    public async Task Missing_or_bad_keys_get_401(string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "openai/v1/chat/completions") { Content = new StringContent(EmulatorScope.Chat()) };
        _emulator.Client.DefaultRequestHeaders.Authorization = null;
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        var response = await _emulator.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("""{"error":{"message":"Invalid API Key","type":"invalid_request_error","code":"invalid_api_key"}}""", await response.Content.ReadAsStringAsync());
        Assert.Equal(1, _emulator.Control.GetStats().Unauthorized);
    }

    [Fact]
    public async Task Unknown_model_is_plain_json_404_even_for_streams()
    {
        var response = await _emulator.PostChatAsync(EmulatorScope.Chat(model: "gpt-4o", extra: "\"stream\":true"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(
            """{"error":{"message":"The model `gpt-4o` does not exist or you do not have access to it.","type":"invalid_request_error","code":"model_not_found"}}""",
            await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("""{"model":"llama-3.1-8b-instant","messages":[{"role":"user","content":"hi","timestamp":1}]}""", "'messages.0' : for 'role:user' the following must be satisfied[('messages.0' : property 'timestamp' is unsupported)]")]
    [InlineData("""{"model":"llama-3.1-8b-instant","foo":true,"messages":[{"role":"user","content":"hi"}]}""", "property 'foo' is unsupported")]
    [InlineData("""{"model":"llama-3.1-8b-instant","logprobs":true,"messages":[{"role":"user","content":"hi"}]}""", "`logprobs` is not supported")]
    [InlineData("""{"model":"llama-3.1-8b-instant","n":3,"messages":[{"role":"user","content":"hi"}]}""", "'n' : number must be at most 1")]
    [InlineData("""{"model":"llama-3.1-8b-instant","messages":[{"role":"user","name":"bob","content":"hi"}]}""", "'messages.0' : for 'role:user' the following must be satisfied[('messages.0' : property 'name' is unsupported)]")]
    [InlineData("""{"model":"llama-3.1-8b-instant","messages":[{"role":"wizard","content":"hi"}]}""", "'messages.0' : discriminator property 'role' has invalid value 'wizard'")]
    [InlineData("""{"messages":[{"role":"user","content":"hi"}]}""", "property 'model' is missing")]
    [InlineData("""{"model":"llama-3.1-8b-instant","messages":[{"role":"user""", "We could not parse the JSON body of your request. The API expects a JSON payload.")]
    [InlineData("""{"model":"llama-3.1-8b-instant","include_reasoning":true,"messages":[{"role":"user","content":"hi"}]}""", "`include_reasoning` is not supported with this model")]
    [InlineData("""{"model":"openai/gpt-oss-20b","include_reasoning":true,"reasoning_format":"hidden","messages":[{"role":"user","content":"hi"}]}""", "`include_reasoning` and `reasoning_format` cannot be used together")]
    public async Task Invalid_requests_get_groq_400s(string json, string message)
    {
        var (response, body) = await _emulator.PostChatJsonAsync(json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, body.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal("invalid_request_error", body.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_400_after_auth_carries_rate_limit_headers_and_counts_as_an_error()
    {
        var (response, _) = await _emulator.PostChatJsonAsync("""{"model":"llama-3.1-8b-instant","foo":1,"messages":[{"role":"user","content":"hi"}]}""");

        Assert.Equal("14400", Header(response, "x-ratelimit-remaining-requests"));
        var stats = _emulator.Control.GetStats().Entries.Single();
        Assert.Equal((1, 1, EmulatorScope.SmallModel), (stats.Requests, stats.Errors, stats.Model));
        Assert.Matches(new Regex("^key_[0-9a-f]{12}$"), stats.Key);
    }

    [Fact]
    public async Task Context_length_is_checked_against_the_model_window()
    {
        await using var tiny = await EmulatorScope.StartAsync(new EmulatorOptions
        {
            Models = [new ModelOptions { Id = "tiny", OwnedBy = "Test", ContextWindow = 35, MaxCompletionTokens = 30, Speed = 100 }],
        });

        var (response, body) = await tiny.PostChatJsonAsync(EmulatorScope.Chat(model: "tiny", extra: "\"max_tokens\":30"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
            """{"message":"Please reduce the length of the messages or completion.","type":"invalid_request_error","code":"context_length_exceeded","param":"messages"}""",
            body.GetProperty("error").GetRawText());
        Assert.Equal(HttpStatusCode.OK, (await tiny.PostChatAsync(EmulatorScope.Chat(model: "tiny", extra: "\"max_tokens\":20"))).StatusCode);
    }

    private static string Content(JsonElement body) => body.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single() : null;
}
