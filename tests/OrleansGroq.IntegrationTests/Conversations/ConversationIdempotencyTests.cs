using System.Net;
using System.Text;
using System.Text.Json;
using OrleansGroq.Emulator;
using OrleansGroq.IntegrationTests.Infrastructure;

namespace OrleansGroq.IntegrationTests.Conversations;

/// <summary>
/// A turn sent with an <c>Idempotency-Key</c> runs once: a retry gets the stored answer back, in the shape its request
/// asks for, without another upstream call; the same key with another request is refused.
/// </summary>
public sealed class ConversationIdempotencyTests : IAsyncLifetime
{
    private static readonly TestKey Key = new("a1", "org_a", "gsk_test_conversation_idempotency");
    private TestUpstream _upstream = null!;
    private ConversationClient _client = null!;

    public async Task InitializeAsync()
    {
        _upstream = await TestUpstream.StartAsync([Key]);
        _client = new ConversationClient(_upstream.Gateway.Http);
    }

    public async Task DisposeAsync() => await _upstream.DisposeAsync();

    [Fact]
    public async Task A_retried_turn_gets_the_stored_completion_back_without_a_second_upstream_call()
    {
        var id = await _client.CreateAsync("""{"model":"speed"}""");
        using var first = await _client.SayAsync(id, "Name a colour.", idempotencyKey: "turn-1");
        var firstBody = await first.Content.ReadAsStringAsync();
        var calls = UpstreamRequests();

        using var retry = await _client.SayAsync(id, "Name a colour.", idempotencyKey: "turn-1");

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal("true", retry.Header("x-orleansgroq-idempotent-replay"));
        Assert.False(first.Headers.Contains("x-orleansgroq-idempotent-replay"));
        Assert.Equal(calls, UpstreamRequests());
        using var original = JsonDocument.Parse(firstBody);
        using var replayed = JsonDocument.Parse(await retry.Content.ReadAsStringAsync());
        Assert.Equal("chat.completion", replayed.RootElement.GetProperty("object").GetString());
        Assert.Equal(original.RootElement.GetProperty("model").GetString(), replayed.RootElement.GetProperty("model").GetString());
        Assert.Equal(
            original.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(),
            replayed.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("stop", replayed.RootElement.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        var conversation = await _client.GetAsync(id);
        Assert.Equal(1, conversation.GetProperty("version").GetInt64());
        Assert.Equal(2, conversation.GetProperty("messages").GetArrayLength());
    }

    [Fact]
    public async Task A_retried_streamed_turn_gets_the_stored_answer_as_chunks_ending_in_done()
    {
        var id = await _client.CreateAsync("""{"model":"speed"}""");
        using var first = await _client.SayAsync(id, "Tell me a story.", stream: true, maxTokens: 12, idempotencyKey: "stream-1");
        var original = await first.Content.ReadAsStringAsync();
        var calls = UpstreamRequests();

        using var retry = await _client.SayAsync(id, "Tell me a story.", stream: true, maxTokens: 12, idempotencyKey: "stream-1");
        var replayed = await retry.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal("text/event-stream", retry.Content.Headers.ContentType?.MediaType);
        Assert.Equal("true", retry.Header("x-orleansgroq-idempotent-replay"));
        Assert.Equal(calls, UpstreamRequests());
        Assert.EndsWith("data: [DONE]\n\n", replayed, StringComparison.Ordinal);
        Assert.Equal(StreamedContent(original), StreamedContent(replayed));
        Assert.Contains("\"finish_reason\":\"stop\"", replayed, StringComparison.Ordinal);
        Assert.Equal(1, (await _client.GetAsync(id)).GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task A_retry_sent_while_the_original_runs_waits_for_it_and_replays_its_answer()
    {
        var id = await _client.CreateAsync("""{"model":"speed"}""");
        _upstream.Emulator.Control.AddFault(new FaultRule { Kind = FaultKind.Latency, DelayMs = 1000, Times = 1 });

        var original = _client.SayAsync(id, "Slowly, please.", idempotencyKey: "slow-1");
        await Polling.UntilAsync(() => UpstreamRequests() == 1, "the original reaches Groq");
        using var retry = await _client.SayAsync(id, "Slowly, please.", idempotencyKey: "slow-1");
        using var first = await original;

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal("true", retry.Header("x-orleansgroq-idempotent-replay"));
        Assert.Equal(1, UpstreamRequests());
        Assert.Equal(2, (await _client.GetAsync(id)).GetProperty("messages").GetArrayLength());
    }

    [Fact]
    public async Task The_same_key_with_another_request_is_refused_with_422_and_stores_nothing()
    {
        var id = await _client.CreateAsync("""{"model":"speed"}""");
        using var first = await _client.SayAsync(id, "First question.", idempotencyKey: "reused");

        using var other = await _client.SayAsync(id, "Another question.", idempotencyKey: "reused");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        using var error = JsonDocument.Parse(await other.Content.ReadAsStringAsync());
        Assert.Equal("idempotency_key_reused", error.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("invalid_request_error", error.RootElement.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal(1, (await _client.GetAsync(id)).GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task A_key_on_one_conversation_does_not_answer_for_another()
    {
        var one = await _client.CreateAsync("""{"model":"speed"}""");
        var two = await _client.CreateAsync("""{"model":"speed"}""");
        using var first = await _client.SayAsync(one, "Hi.", idempotencyKey: "shared");

        using var second = await _client.SayAsync(two, "Hi.", idempotencyKey: "shared");

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.False(second.Headers.Contains("x-orleansgroq-idempotent-replay"));
        Assert.Equal(1, (await _client.GetAsync(two)).GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task A_chat_completion_turn_with_a_key_replays_through_x_conversation_id()
    {
        var id = await _client.CreateAsync("""{"model":"speed"}""");
        var headers = new Dictionary<string, string> { ["x-conversation-id"] = id, ["Idempotency-Key"] = "chat-1" };
        using var first = await _client.SendAsync(HttpMethod.Post, "openai/v1/chat/completions", ChatBodies.Simple(), headers);
        var calls = UpstreamRequests();

        using var retry = await _client.SendAsync(HttpMethod.Post, "openai/v1/chat/completions", ChatBodies.Simple(), headers);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal("true", retry.Header("x-orleansgroq-idempotent-replay"));
        Assert.Equal(calls, UpstreamRequests());
        Assert.Equal(1, (await _client.GetAsync(id)).GetProperty("version").GetInt64());
    }

    [Theory]
    [InlineData(256)]
    [InlineData(-1)]
    public async Task A_malformed_key_is_refused_with_400_before_the_turn_runs(int length)
    {
        var id = await _client.CreateAsync("""{"model":"speed"}""");
        var key = length < 0 ? "tab\there" : new string('k', length);

        using var response = await _client.SayAsync(id, "Hi.", idempotencyKey: key);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("invalid_idempotency_key", error.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("Idempotency-Key", error.RootElement.GetProperty("error").GetProperty("param").GetString());
        Assert.Equal(0, UpstreamRequests());
    }

    [Fact]
    public async Task A_key_of_255_printable_characters_is_accepted()
    {
        var id = await _client.CreateAsync("""{"model":"speed"}""");

        using var response = await _client.SayAsync(id, "Hi.", idempotencyKey: string.Concat(Enumerable.Repeat("~ !", 85)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private long UpstreamRequests() => _upstream.Emulator.Control.GetStats().Totals.Requests;

    private static string StreamedContent(string sse)
    {
        var content = new StringBuilder();
        foreach (var line in sse.Split('\n'))
        {
            if (line.StartsWith("data: {", StringComparison.Ordinal))
            {
                using var chunk = JsonDocument.Parse(line["data: ".Length..]);
                if (chunk.RootElement.GetProperty("choices") is { ValueKind: JsonValueKind.Array } choices && choices.GetArrayLength() > 0
                    && choices[0].GetProperty("delta").TryGetProperty("content", out var text) && text.ValueKind == JsonValueKind.String)
                {
                    content.Append(text.GetString());
                }
            }
        }

        return content.ToString();
    }
}
