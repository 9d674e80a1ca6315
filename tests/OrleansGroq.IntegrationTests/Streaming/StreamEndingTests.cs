using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OrleansGroq.Abstractions.Conversations;
using OrleansGroq.Abstractions.Quota;
using OrleansGroq.Emulator;
using OrleansGroq.IntegrationTests.Infrastructure;
using OrleansGroq.Silo.Errors;

namespace OrleansGroq.IntegrationTests.Streaming;

/// <summary>
/// How a streamed answer ends when the upstream's stream breaks, through the gateway over HTTP: the exact tail the
/// client receives, what a conversation stores, and the budget settled either way.
/// </summary>
public sealed class StreamEndingTests : IAsyncLifetime
{
    private const int ChunksBeforeFault = 3;

    private static readonly TestKey Key = new("s1", "org_streams", "gsk_test_stream_endings_account");

    // The emulator's own mid-stream error, as Groq sends one.
    private static readonly string EmulatorErrorEvent =
        "event: error\ndata: {\"error\":{\"message\":\"The server had an error while processing your request. Please try again.\","
        + "\"type\":\"internal_server_error\",\"code\":\"internal_server_error\",\"status_code\":500}}\n\n";

    private readonly FakeTimeProvider _emulatorTime = new(DateTimeOffset.UtcNow);
    private TestUpstream _upstream = null!;
    private ConversationClient _conversations = null!;

    public static TheoryData<FaultKind> Faults => [FaultKind.MalformedChunk, FaultKind.ResetMidStream, FaultKind.ErrorEvent];

    private EmulatorControl Emulator => _upstream.Emulator.Control;

    public async Task InitializeAsync()
    {
        _upstream = await TestUpstream.StartAsync(
            [Key],
            new Dictionary<string, string> { [$"Quota:Accounts:{Key.Account}:{ChatBodies.Model}:Tpm"] = "1000000" },
            emulatorTime: _emulatorTime);
        _conversations = new ConversationClient(_upstream.Gateway.Http);
    }

    public async Task DisposeAsync() => await _upstream.DisposeAsync();

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task A_broken_chat_completion_stream_ends_with_one_error_event_after_the_whole_chunks_before_it(FaultKind fault)
    {
        Emulator.AddFault(new FaultRule { Kind = fault, AfterChunks = ChunksBeforeFault });

        using var response = await _upstream.Gateway.Http.SendAsync(ChatBodies.Post(ChatBodies.Simple(stream: true, maxTokens: 20)));
        var sse = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertChunksThen(sse, ChunksBeforeFault, ExpectedTail(fault));
        var quota = await QuotaAsync();
        Assert.Equal(1, quota.UsedRequests);
        Assert.True(quota.UsedTokens > 0, "the reservation was released instead of settled");
    }

    [Fact]
    public async Task A_whole_chat_completion_stream_ends_with_done_after_its_finish_reason()
    {
        using var response = await _upstream.Gateway.Http.SendAsync(ChatBodies.Post(ChatBodies.Simple(stream: true, maxTokens: 5)));
        var sse = await response.Content.ReadAsStringAsync();

        var events = Events(sse);
        Assert.Equal("data: [DONE]", events[^1]);
        Assert.Equal(JsonValueKind.String, Chunk(events[^2]).GetProperty("choices")[0].GetProperty("finish_reason").ValueKind);
        Assert.Equal(1, (await QuotaAsync()).UsedRequests);
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task A_broken_turn_stream_stores_nothing_and_the_next_whole_one_is_stored(FaultKind fault)
    {
        var id = await _conversations.CreateAsync("""{"model":"speed"}""");
        Emulator.AddFault(new FaultRule { Kind = fault, AfterChunks = ChunksBeforeFault, Times = 1 });

        using var broken = await _conversations.SayAsync(id, "First question?", stream: true, maxTokens: 20);
        var brokenSse = await broken.Content.ReadAsStringAsync();
        var afterBroken = await _conversations.GetAsync(id);
        using var whole = await _conversations.SayAsync(id, "Second question?", stream: true, maxTokens: 20);
        var wholeSse = await whole.Content.ReadAsStringAsync();
        var afterWhole = await _conversations.GetAsync(id);

        AssertChunksThen(brokenSse, ChunksBeforeFault, ExpectedTail(fault));
        Assert.Equal(0, afterBroken.GetProperty("version").GetInt64());
        Assert.Equal(0, afterBroken.GetProperty("messages").GetArrayLength());
        Assert.EndsWith("}\n\ndata: [DONE]\n\n", wholeSse, StringComparison.Ordinal);
        Assert.Equal(1, afterWhole.GetProperty("version").GetInt64());
        var stored = afterWhole.GetProperty("messages");
        Assert.Equal(2, stored.GetArrayLength());
        Assert.Equal("Second question?", stored[0].GetProperty("content").GetString());
        Assert.Equal(StreamedContent(wholeSse), stored[1].GetProperty("content").GetString());
        var quota = await QuotaAsync();
        Assert.Equal(2, quota.UsedRequests);
    }

    [Fact]
    public async Task A_turn_whose_conversation_is_deleted_mid_stream_ends_with_an_error_event_instead_of_done()
    {
        var id = await _conversations.CreateAsync("""{"model":"speed"}""");
        Emulator.AddFault(new FaultRule { Kind = FaultKind.StallMidStream, AfterChunks = 2, DelayMs = 60_000 });
        using var request = new HttpRequestMessage(HttpMethod.Post, $"v1/conversations/{id}/messages")
        {
            Content = new StringContent("""{"content":"Hello?","stream":true,"max_tokens":8}""", Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };

        using var response = await _upstream.Gateway.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var head = await ReadEventsAsync(body, 2);
        using (var deleted = await _conversations.SendAsync(HttpMethod.Delete, $"v1/conversations/{id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        _emulatorTime.Advance(TimeSpan.FromMinutes(1));
        var sse = head + await new StreamReader(body).ReadToEndAsync();

        var events = Events(sse);
        Assert.Equal(Text(StreamErrors.ReplyNotStored(id, TurnStatus.NotFound)), events[^1] + "\n\n");
        Assert.Equal(JsonValueKind.String, Chunk(events[^2]).GetProperty("choices")[0].GetProperty("finish_reason").ValueKind);
        Assert.DoesNotContain("[DONE]", sse, StringComparison.Ordinal);
    }

    private static string ExpectedTail(FaultKind fault) => fault switch
    {
        FaultKind.MalformedChunk => Text(StreamErrors.UpstreamMalformed),
        FaultKind.ResetMidStream => Text(StreamErrors.UpstreamInterrupted),
        _ => EmulatorErrorEvent,
    };

    /// <summary>The stream is <paramref name="chunks"/> whole JSON chunks, then exactly <paramref name="tail"/>, and nothing else.</summary>
    private static void AssertChunksThen(string sse, int chunks, string tail)
    {
        Assert.EndsWith(tail, sse, StringComparison.Ordinal);
        var events = Events(sse[..^tail.Length]);
        Assert.Equal(chunks, events.Length);
        Assert.All(events, e => Assert.Equal("chat.completion.chunk", Chunk(e).GetProperty("object").GetString()));
    }

    private static string[] Events(string sse)
    {
        Assert.EndsWith("\n\n", sse, StringComparison.Ordinal);
        return sse[..^2].Split("\n\n");
    }

    private static JsonElement Chunk(string sseEvent)
    {
        Assert.StartsWith("data: {", sseEvent, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(sseEvent["data: ".Length..]);
        return json.RootElement.Clone();
    }

    private static string StreamedContent(string sse) => string.Concat(Events(sse)
        .Where(e => e.StartsWith("data: {", StringComparison.Ordinal))
        .Select(e => Chunk(e).GetProperty("choices"))
        .Where(c => c.GetArrayLength() > 0 && c[0].GetProperty("delta").TryGetProperty("content", out _))
        .Select(c => c[0].GetProperty("delta").GetProperty("content").GetString()));

    private static async Task<string> ReadEventsAsync(Stream body, int count)
    {
        var text = new StringBuilder();
        var buffer = new byte[4096];
        while (text.ToString().Split("\n\n").Length <= count)
        {
            var read = await body.ReadAsync(buffer);
            Assert.NotEqual(0, read);
            text.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }

        return text.ToString();
    }

    private static string Text(SseErrorEvent error) => Encoding.UTF8.GetString(error.Bytes);

    private Task<ModelQuotaSnapshot> QuotaAsync() =>
        _upstream.Gateway.Services.GetRequiredService<IModelQuotas>().Get(new QuotaKey(Key.Account, ChatBodies.Model)).GetSnapshotAsync().AsTask();
}
