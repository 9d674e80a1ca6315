using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using OrleansGroq.Client;
using OrleansGroq.Emulator;
using OrleansGroq.IntegrationTests.Infrastructure;

namespace OrleansGroq.IntegrationTests.Client.Cluster;

/// <summary>
/// HTTP requests sent through the cluster client run through a silo's own pipeline: the same answers, headers, errors
/// and authentication as over HTTP, streamed answers part by part, cancellation reaching the silo, the API routes only.
/// </summary>
public sealed class ClusterClientTests(ClusterClientFixture fixture) : IClassFixture<ClusterClientFixture>
{
    [Fact]
    public async Task A_chat_completion_is_the_gateways_answer_with_its_headers_and_leaves_no_activation_behind()
    {
        for (var i = 0; i < 20; i++)
        {
            using var response = await fixture.Http.SendAsync(Post("openai/v1/chat/completions", ChatBodies.Simple()));
            var body = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("k1", Header(response, "x-orleansgroq-key"));
            Assert.Equal(ChatBodies.Model, Header(response, "x-orleansgroq-model"));
            Assert.NotEmpty(Header(response, "x-request-id"));
            Assert.Equal("1", Header(response, "x-orleansgroq-attempts"));
            using var json = JsonDocument.Parse(body);
            Assert.NotEmpty(json.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!);
        }

        // One grain per request, deactivated as its request ends: nothing piles up on the silos.
        await Polling.UntilAsync(
            async () => (await fixture.Cluster.ActivationsAsync("GatewayRequestGrain")).Values.Sum() == 0,
            "the request grains are deactivated");
    }

    [Fact]
    public async Task A_streamed_answer_arrives_event_by_event_while_the_upstream_is_still_writing()
    {
        fixture.Emulator.AddFault(new FaultRule { Kind = FaultKind.StallMidStream, AfterChunks = 2, DelayMs = 60_000, Times = 1 });
        var clock = Stopwatch.StartNew();
        using var response = await fixture.Http.SendAsync(Post("openai/v1/chat/completions", ChatBodies.Simple(stream: true)), HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        string? line;
        while ((line = await reader.ReadLineAsync()) is not null && !line.StartsWith("data: {", StringComparison.Ordinal))
        {
        }

        // The upstream stalls for a minute after two chunks: an event read now was relayed before the answer ended.
        Assert.NotNull(line);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"The first event took {clock.Elapsed.TotalSeconds:F1} s.");
    }

    [Fact]
    public async Task Cancelling_a_read_mid_stream_ends_the_call_at_once_and_the_request_on_the_silo()
    {
        fixture.Emulator.AddFault(new FaultRule { Kind = FaultKind.StallMidStream, AfterChunks = 2, DelayMs = 60_000, Times = 1 });
        using var response = await fixture.Http.SendAsync(Post("openai/v1/chat/completions", ChatBodies.Simple(stream: true)), HttpCompletionOption.ResponseHeadersRead);
        var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64 * 1024];
        Assert.True(await body.ReadAsync(buffer) > 0);

        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            while (await body.ReadAsync(buffer, cancel.Token) > 0)
            {
            }
        });

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"The cancelled read ended after {clock.Elapsed.TotalSeconds:F1} s.");
        await Polling.UntilAsync(
            () => Task.FromResult(InFlightUpstream(fixture.Emulator.GetStats().Totals) == 0),
            "the silo ends the aborted request, and its call to Groq with it",
            TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Cancelling_before_the_answer_starts_ends_the_call_at_once()
    {
        fixture.Emulator.AddFault(new FaultRule { Kind = FaultKind.Latency, DelayMs = 30_000, Times = 1 });
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fixture.Http.SendAsync(Post("openai/v1/chat/completions", ChatBodies.Simple()), cancel.Token));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"The cancelled call ended after {clock.Elapsed.TotalSeconds:F1} s.");
    }

    [Fact]
    public async Task A_call_waiting_longer_than_the_clients_response_timeout_is_answered()
    {
        var wait = new OrleansGroqClusterClientOptions().ResponseTimeout + TimeSpan.FromSeconds(2);
        fixture.Emulator.AddFault(new FaultRule { Kind = FaultKind.Latency, DelayMs = (int)wait.TotalMilliseconds, Times = 1 });
        var clock = Stopwatch.StartNew();

        using var response = await fixture.Http.SendAsync(Post("openai/v1/chat/completions", ChatBodies.Simple()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(clock.Elapsed >= wait, "The upstream's delay did not apply.");
    }

    [Fact]
    public async Task A_conversation_runs_its_turns_through_the_cluster_with_its_headers()
    {
        using var created = await fixture.Http.SendAsync(Post("v1/conversations", """{"model":"speed"}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var conversation = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var id = conversation.RootElement.GetProperty("id").GetString()!;

        using var first = await fixture.Http.SendAsync(Turn(id, "one", stream: false, "turn-1"));
        using var second = await fixture.Http.SendAsync(Turn(id, "two", stream: true, "turn-2"));
        var streamed = await second.Content.ReadAsStringAsync();
        using var replayed = await fixture.Http.SendAsync(Turn(id, "one", stream: false, "turn-1"));
        using var history = JsonDocument.Parse(await fixture.Http.GetStringAsync($"v1/conversations/{id}"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.EndsWith("data: [DONE]\n\n", streamed, StringComparison.Ordinal);
        Assert.Equal(id, Header(first, "x-orleansgroq-conversation"));
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.Equal("true", Header(replayed, "x-orleansgroq-idempotent-replay"));
        Assert.Equal(2, history.RootElement.GetProperty("version").GetInt64());
        Assert.Equal(["user", "assistant", "user", "assistant"], history.RootElement.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("role").GetString()));
    }

    [Fact]
    public async Task The_chat_client_over_the_cluster_answers_streams_and_reports_what_the_gateway_did()
    {
        var response = await fixture.Chat.GetResponseAsync("Say hello.", new ChatOptions { MaxOutputTokens = 8 });
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in fixture.Chat.GetStreamingResponseAsync("Say hello.", new ChatOptions { MaxOutputTokens = 8 }))
        {
            updates.Add(update);
        }

        Assert.False(string.IsNullOrWhiteSpace(response.Text));
        Assert.Equal("k1", response.GetGatewayInfo()?.KeyAlias);
        Assert.Equal(ChatBodies.Model, response.GetGatewayInfo()?.Model);
        Assert.False(string.IsNullOrWhiteSpace(updates.ToChatResponse().Text));
        Assert.Contains(updates, update => update.GetGatewayInfo()?.KeyAlias == "k1");
    }

    [Fact]
    public async Task The_conversation_client_over_the_cluster_creates_runs_turns_reads_and_deletes()
    {
        var created = await fixture.Conversations.CreateAsync();
        var keyed = new ChatOptions { MaxOutputTokens = 8 }.WithGateway(new() { IdempotencyKey = "cluster-turn-1" });
        var first = await fixture.Conversations.SendAsync(created.Id, new ChatMessage(ChatRole.User, "Hello!"), keyed);
        var again = await fixture.Conversations.SendAsync(created.Id, new ChatMessage(ChatRole.User, "Hello!"), keyed);
        var streamed = new List<ChatResponseUpdate>();
        await foreach (var update in fixture.Conversations.SendStreamingAsync(created.Id, new ChatMessage(ChatRole.User, "Again."), new ChatOptions { MaxOutputTokens = 8 }))
        {
            streamed.Add(update);
        }

        var read = await fixture.Conversations.GetAsync(created.Id);
        var deleted = await fixture.Conversations.DeleteAsync(created.Id);

        Assert.False(string.IsNullOrWhiteSpace(first.Text));
        Assert.Equal(created.Id, first.GetGatewayInfo()?.ConversationId);
        Assert.True(again.GetGatewayInfo()?.IdempotentReplay);
        Assert.Equal(first.Text, again.Text);
        Assert.False(string.IsNullOrWhiteSpace(streamed.ToChatResponse().Text));
        Assert.Equal([ChatRole.User, ChatRole.Assistant, ChatRole.User, ChatRole.Assistant], read!.Messages.Select(m => m.Role));
        Assert.True(deleted);
        Assert.Null(await fixture.Conversations.GetAsync(created.Id));
    }

    [Theory]
    [InlineData("admin/cluster")]
    [InlineData("admin/keys")]
    [InlineData("health/live")]
    public async Task Routes_outside_the_api_are_unreachable_through_the_cluster(string path)
    {
        using var response = await fixture.Http.GetAsync(path);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("unknown_url", json.RootElement.GetProperty("error").GetProperty("code").GetString());
        using var overHttp = await fixture.Cluster.Silos[0].Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, overHttp.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer ogq_not_a_token")]
    public async Task Client_tokens_are_required_through_the_cluster_as_over_http(string? authorization)
    {
        // Over its own handler, so that the fixture's token is not sent: a cluster client is never a loopback caller.
        using var http = new HttpClient(new OrleansGroqClusterHandler(fixture.Orleans)) { BaseAddress = OrleansGroqClusterHandler.BaseAddress };
        using var request = Post("openai/v1/chat/completions", ChatBodies.Simple());
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await http.SendAsync(request);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_api_key", json.RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    private static HttpRequestMessage Post(string path, string json) =>
        new(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    private static HttpRequestMessage Turn(string id, string content, bool stream, string idempotencyKey)
    {
        var request = Post($"v1/conversations/{id}/messages", JsonSerializer.Serialize(new { content, stream, max_tokens = 8 }));
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return request;
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(",", values) : "";

    private static long InFlightUpstream(KeyModelStats totals) =>
        totals.Requests - totals.Served - totals.RateLimited - totals.TooLarge - totals.Errors;
}
