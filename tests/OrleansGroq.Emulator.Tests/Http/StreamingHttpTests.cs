using System.Net;
using System.Text.Json;
using OrleansGroq.Emulator.Tests.Support;

namespace OrleansGroq.Emulator.Tests.Http;

public sealed class StreamingHttpTests : IAsyncLifetime
{
    private EmulatorScope _emulator = null!;

    public async Task InitializeAsync() => _emulator = await EmulatorScope.StartAsync();

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task Streams_role_tokens_final_usage_and_done()
    {
        var response = await _emulator.PostChatAsync(EmulatorScope.Chat(content: "stream me", extra: "\"stream\":true,\"stream_options\":{\"include_usage\":true}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.True(response.Headers.Contains("x-ratelimit-remaining-tokens"));
        var chunks = ServerSentEvents.Chunks(await response.Content.ReadAsStringAsync());

        Assert.Equal(1 + 32 + 1 + 1, chunks.Count);
        Assert.Single(chunks.Select(c => c.GetProperty("id").GetString()).Distinct());
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c.GetProperty("object").GetString()));
        Assert.All(chunks, c => Assert.StartsWith("fp_", c.GetProperty("system_fingerprint").GetString(), StringComparison.Ordinal));

        var role = chunks[0];
        Assert.Equal("""{"role":"assistant","content":""}""", role.GetProperty("choices")[0].GetProperty("delta").GetRawText());
        var requestId = role.GetProperty("x_groq").GetProperty("id").GetString();
        Assert.Matches("^req_[0-9a-z]{26}$", requestId);

        var tokens = chunks.Skip(1).Take(32).Select(c => c.GetProperty("choices")[0].GetProperty("delta").GetProperty("content").GetString()).ToList();
        Assert.All(tokens.Skip(1), t => Assert.StartsWith(" ", t, StringComparison.Ordinal));

        var final = chunks[33];
        Assert.Equal("{}", final.GetProperty("choices")[0].GetProperty("delta").GetRawText());
        Assert.Equal("stop", final.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(requestId, final.GetProperty("x_groq").GetProperty("id").GetString());
        Assert.Equal(32, final.GetProperty("x_groq").GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.Equal(32, final.GetProperty("usage").GetProperty("completion_tokens").GetInt32());

        var usageOnly = chunks[34];
        Assert.Equal(0, usageOnly.GetProperty("choices").GetArrayLength());
        Assert.Equal(42, usageOnly.GetProperty("usage").GetProperty("total_tokens").GetInt32());

        var (_, whole) = await _emulator.PostChatJsonAsync(EmulatorScope.Chat(content: "stream me"));
        Assert.Equal(whole.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), string.Concat(tokens));
    }

    [Fact]
    public async Task Without_include_usage_the_final_chunk_is_last()
    {
        var response = await _emulator.PostChatAsync(EmulatorScope.Chat(extra: "\"stream\":true,\"max_tokens\":2"));
        var chunks = ServerSentEvents.Chunks(await response.Content.ReadAsStringAsync());

        Assert.Equal(4, chunks.Count);
        Assert.Equal("length", chunks[^1].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task Reasoning_streams_before_content()
    {
        var response = await _emulator.PostChatAsync(EmulatorScope.Chat(model: "openai/gpt-oss-20b", extra: "\"stream\":true"));
        var deltas = ServerSentEvents.Chunks(await response.Content.ReadAsStringAsync())
            .Skip(1).SkipLast(1)
            .Select(c => c.GetProperty("choices")[0].GetProperty("delta").EnumerateObject().Single().Name)
            .ToList();

        Assert.Equal(Enumerable.Repeat("reasoning", 16).Concat(Enumerable.Repeat("content", 32)), deltas);
    }

    [Fact]
    public async Task A_stream_sends_the_same_text_as_the_whole_answer_in_json_mode()
    {
        const string Json = "\"response_format\":{\"type\":\"json_object\"}";
        var response = await _emulator.PostChatAsync(EmulatorScope.Chat(extra: Json + ",\"stream\":true"));
        var streamed = string.Concat(ServerSentEvents.Chunks(await response.Content.ReadAsStringAsync())
            .Skip(1).SkipLast(1)
            .Select(c => c.GetProperty("choices")[0].GetProperty("delta").GetProperty("content").GetString()));

        var (_, whole) = await _emulator.PostChatJsonAsync(EmulatorScope.Chat(extra: Json));
        Assert.Equal(whole.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), streamed);
        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(streamed).RootElement.ValueKind);
    }
}
