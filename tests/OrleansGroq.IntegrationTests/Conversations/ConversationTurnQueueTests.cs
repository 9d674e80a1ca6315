using System.Diagnostics;
using System.Net;
using System.Text.Json;
using OrleansGroq.Emulator;
using OrleansGroq.IntegrationTests.Infrastructure;

namespace OrleansGroq.IntegrationTests.Conversations;

/// <summary>
/// Turns on one conversation queue at its grain in arrival order and are all served; only a full queue refuses, with
/// 429 and <c>retry-after</c>; reads answer from the grain's memory without waiting for the running turn.
/// </summary>
public sealed class ConversationTurnQueueTests : IAsyncLifetime
{
    private const int MaxQueuedTurns = 2;
    private static readonly TestKey Key = new("a1", "org_a", "gsk_test_conversation_turn_queue");
    private TestUpstream _upstream = null!;
    private ConversationClient _client = null!;

    public async Task InitializeAsync()
    {
        _upstream = await TestUpstream.StartAsync([Key], new Dictionary<string, string> { ["Conversations:MaxQueuedTurns"] = $"{MaxQueuedTurns}" });
        _client = new ConversationClient(_upstream.Gateway.Http);
    }

    public async Task DisposeAsync() => await _upstream.DisposeAsync();

    [Fact]
    public async Task Overlapping_turns_are_all_answered_and_stored_in_arrival_order()
    {
        var id = await _client.CreateAsync("""{"model":"speed"}""");
        SlowNextTurn(2000);

        var turns = new List<Task<HttpResponseMessage>> { _client.SayAsync(id, "first") };
        await UntilGroqHasSeenAsync(turns: 1);
        turns.Add(_client.SayAsync(id, "second", stream: true));
        await Task.Delay(500);
        turns.Add(_client.SayAsync(id, "third"));

        var responses = await Task.WhenAll(turns);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var messages = (await _client.GetAsync(id)).GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(["user", "assistant", "user", "assistant", "user", "assistant"], messages.Select(m => m.GetProperty("role").GetString()));
        Assert.Equal(["first", "second", "third"], messages.Where(m => m.GetProperty("role").GetString() == "user").Select(m => m.GetProperty("content").GetString()));
        DisposeAll(responses);
    }

    [Fact]
    public async Task A_turn_beyond_the_queue_is_refused_with_429_conversation_busy_and_a_retry_after()
    {
        var id = await _client.CreateAsync("""{"model":"speed"}""");
        SlowNextTurn(5000);
        var running = _client.SayAsync(id, "running");
        await UntilGroqHasSeenAsync(turns: 1);
        var queued = Enumerable.Range(0, MaxQueuedTurns).Select(i => _client.SayAsync(id, $"queued {i}")).ToList();
        await Task.Delay(1000);

        using var refused = await _client.SayAsync(id, "one too many");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"retry-after: {refused.Headers.RetryAfter}");
        using var error = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal("conversation_busy", error.RootElement.GetProperty("error").GetProperty("code").GetString());
        var served = await Task.WhenAll([running, .. queued]);
        Assert.All(served, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1 + MaxQueuedTurns, (await _client.GetAsync(id)).GetProperty("version").GetInt64());
        DisposeAll(served);
    }

    [Fact]
    public async Task A_read_answers_from_memory_while_a_turn_runs_and_sees_the_turn_once_it_is_stored()
    {
        var id = await _client.CreateAsync("""{"model":"speed"}""");
        SlowNextTurn(2000);
        var running = _client.SayAsync(id, "take your time");
        await UntilGroqHasSeenAsync(turns: 1);

        var clock = Stopwatch.StartNew();
        var during = await _client.GetAsync(id);
        using var messages = await _client.SendAsync(HttpMethod.Get, $"v1/conversations/{id}/messages");
        var readTime = clock.Elapsed;
        using var turn = await running;

        Assert.True(readTime < TimeSpan.FromMilliseconds(1000), $"The reads took {readTime.TotalMilliseconds:F0} ms behind a running turn.");
        Assert.Equal(0, during.GetProperty("version").GetInt64());
        Assert.Equal(HttpStatusCode.OK, messages.StatusCode);
        Assert.Equal(HttpStatusCode.OK, turn.StatusCode);
        Assert.Equal(1, (await _client.GetAsync(id)).GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task A_queued_turn_whose_client_gives_up_leaves_the_queue_and_stores_nothing()
    {
        var id = await _client.CreateAsync("""{"model":"speed"}""");
        SlowNextTurn(3000);
        var running = _client.SayAsync(id, "running");
        await UntilGroqHasSeenAsync(turns: 1);
        using (var impatient = new HttpClient { BaseAddress = _upstream.Gateway.Http.BaseAddress, Timeout = TimeSpan.FromMilliseconds(300) })
        {
            foreach (var _ in Enumerable.Range(0, MaxQueuedTurns))
            {
                await Assert.ThrowsAsync<TaskCanceledException>(() => new ConversationClient(impatient).SayAsync(id, "gave up"));
            }
        }

        await Task.Delay(200);
        var later = Enumerable.Range(0, MaxQueuedTurns).Select(i => _client.SayAsync(id, $"later {i}")).ToList();
        var served = await Task.WhenAll([running, .. later]);

        Assert.All(served, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var users = (await _client.GetAsync(id)).GetProperty("messages").EnumerateArray()
            .Where(m => m.GetProperty("role").GetString() == "user").Select(m => m.GetProperty("content").GetString()).ToList();
        Assert.Equal("running", users[0]);
        Assert.DoesNotContain("gave up", users);
        Assert.Equal(1 + MaxQueuedTurns, users.Count);
        DisposeAll(served);
    }

    [Fact]
    public async Task A_whole_answer_is_sent_only_once_stored_so_a_turn_on_a_conversation_deleted_meanwhile_answers_404()
    {
        var id = await _client.CreateAsync("""{"model":"speed"}""");
        SlowNextTurn(1000);
        var running = _client.SayAsync(id, "are you still there?");
        await UntilGroqHasSeenAsync(turns: 1);

        using (var deleted = await _client.SendAsync(HttpMethod.Delete, $"v1/conversations/{id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        using var turn = await running;
        Assert.Equal(HttpStatusCode.NotFound, turn.StatusCode);
        using var error = JsonDocument.Parse(await turn.Content.ReadAsStringAsync());
        Assert.Equal("conversation_not_found", error.RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    /// <summary>Waits until the emulator has received <paramref name="turns"/> chat requests, so the turn that holds the queue is known to be running.</summary>
    private Task UntilGroqHasSeenAsync(int turns) =>
        Polling.UntilAsync(() => _upstream.Emulator.Control.GetStats().Totals.Requests >= turns, $"Groq has seen {turns} turn(s)");

    private void SlowNextTurn(int delayMs) => _upstream.Emulator.Control.AddFault(new FaultRule { Kind = FaultKind.Latency, DelayMs = delayMs, Times = 1 });

    private static void DisposeAll(IEnumerable<HttpResponseMessage> responses)
    {
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }
}
