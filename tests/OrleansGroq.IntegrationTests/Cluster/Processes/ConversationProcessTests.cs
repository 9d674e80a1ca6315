using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Npgsql;
using OrleansGroq.Emulator;
using OrleansGroq.IntegrationTests.Infrastructure;
using Xunit.Abstractions;
using static OrleansGroq.IntegrationTests.Cluster.Processes.SiloProcessCluster;

namespace OrleansGroq.IntegrationTests.Cluster.Processes;

/// <summary>
/// Conversations on three gateway processes: concurrent turns through different silos are all served and stored in the
/// order their grain ran them; when the silo hosting conversations is killed during turns, the survivors serve them
/// within seconds, and clients that resend failed turns with their <c>Idempotency-Key</c> lose and duplicate nothing;
/// when the silo running a turn's LLM call is killed, its conversation lets the turn go as soon as the silo is declared dead.
/// </summary>
public sealed class ConversationProcessTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TestKey Key = new("k1", "org_1", "gsk_test_conversation_processes");
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    private SiloProcessCluster _cluster = null!;

    public async Task InitializeAsync() =>
        _cluster = await SiloProcessCluster.StartAsync(Key, new EmulatorOptions
        {
            Accounts = [new AccountOptions { Id = Key.Account, Keys = [new ApiKeyOptions { Alias = Key.Alias, Secret = Key.Secret }], Limits = new() { [ChatBodies.Model] = ModelLimits.Unlimited } }],
        });

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Concurrent_turns_through_different_silos_are_all_served_and_stored_once_each_in_the_order_the_grain_ran_them()
    {
        const int Conversations = 20, Rounds = 2, AtOnce = 3;
        var ids = await Task.WhenAll(Enumerable.Range(0, Conversations).Select(i => CreateConversationAsync(_cluster.Silos[i % 3])));

        // Every turn holds the upstream a little, so that the turns sent at once overlap at their grain.
        _cluster.Emulator.Control.AddFault(new FaultRule { Kind = FaultKind.Latency, DelayMs = 50 });
        var answers = new ConcurrentDictionary<string, string>();
        var statuses = new ConcurrentBag<HttpStatusCode>();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(ids.Select(async (id, c) =>
        {
            for (var round = 0; round < Rounds; round++)
            {
                await Task.WhenAll(Enumerable.Range(0, AtOnce).Select(async k =>
                {
                    var text = $"{id} round {round} turn {k}";
                    var turn = await TurnAsync(_cluster.Silos[(c + k) % 3], id, text, stream: k == 1, idempotencyKey: null);
                    statuses.Add(turn.Status);
                    if (turn.Answer is { } answer)
                    {
                        answers[text] = answer;
                    }
                }));
            }
        }));
        output.WriteLine($"{Conversations * Rounds * AtOnce} turns ({Conversations} conversations, {AtOnce} at once through 3 silos, {Rounds} rounds) in {clock.Elapsed.TotalMilliseconds:F0} ms.");

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(Conversations * Rounds * AtOnce, answers.Count);
        foreach (var id in ids)
        {
            var stored = await StoredTurnsAsync(id);
            Assert.Equal(Rounds * AtOnce, stored.Count);
            Assert.Equal(Rounds * AtOnce, stored.Select(t => t.User).Distinct().Count());
            Assert.All(stored, t => Assert.Equal(answers[t.User], t.Assistant));

            // Rounds run one after another: no turn of a later round was run before one of an earlier round.
            Assert.Equal(stored.Select(t => t.User).OrderBy(Round), stored.Select(t => t.User));
        }
    }

    [Fact]
    public async Task Killing_the_silo_hosting_conversations_during_turns_loses_and_duplicates_nothing_when_clients_resend_with_their_keys()
    {
        const int Conversations = 12, TurnsAfterKill = 3;
        var ids = await Task.WhenAll(Enumerable.Range(0, Conversations).Select(i => CreateConversationAsync(_cluster.Silos[i % 3])));
        foreach (var (id, i) in ids.Select((id, i) => (id, i)))
        {
            Assert.Equal(HttpStatusCode.OK, (await TurnAsync(_cluster.Silos[i % 3], id, $"{id} warm-up", stream: false, $"{id}-warm-up")).Status);
        }

        var victim = await BusiestConversationHostAsync();
        var survivors = _cluster.Silos.Where(s => s != victim).ToList();
        output.WriteLine($"killing the silo on port {victim.SiloPort}, which hosts {await ConversationsOnAsync(victim)} of {Conversations} conversations.");

        // Turns hold the upstream long enough that some are in flight, or queued, at the grains when their host dies.
        _cluster.Emulator.Control.AddFault(new FaultRule { Kind = FaultKind.Latency, DelayMs = 150 });
        var killed = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var acknowledged = new ConcurrentDictionary<string, List<(string User, string Assistant)>>();
        var firstServedAfterKill = new ConcurrentDictionary<string, TimeSpan>();
        var failures = new ConcurrentBag<string>();
        var clients = ids.Select((id, c) => Task.Run(async () =>
        {
            var turns = acknowledged[id] = [];
            var servedAfterKill = 0;
            for (var n = 0; servedAfterKill < TurnsAfterKill; n++)
            {
                var text = $"{id} turn {n}";
                var key = $"{id}-turn-{n}";
                var afterKill = killed.Task.IsCompleted;
                for (var attempt = 0; ; attempt++)
                {
                    var silo = survivors[(c + n + attempt) % survivors.Count];
                    var turn = await TurnAsync(silo, id, text, stream: n % 2 == 1, key);
                    if (turn.Answer is { } answer)
                    {
                        turns.Add((text, answer));
                        servedAfterKill += afterKill ? 1 : 0;
                        if (killed.Task.IsCompleted)
                        {
                            firstServedAfterKill.TryAdd(id, Stopwatch.GetElapsedTime(await killed.Task));
                        }

                        break;
                    }

                    failures.Add($"{turn.Status} {turn.Failure}");
                    Assert.True(attempt < 100, $"Turn {n} of {id} was never served: last {turn.Status} {turn.Failure}");
                    await Task.Delay(100);
                }
            }
        })).ToList();

        await Task.Delay(500);
        victim.Kill();
        killed.SetResult(Stopwatch.GetTimestamp());
        await Task.WhenAll(clients);

        var slowest = firstServedAfterKill.Values.Max();
        output.WriteLine(
            $"after the kill every conversation served a turn within {slowest.TotalMilliseconds:F0} ms " +
            $"(median {Median(firstServedAfterKill.Values).TotalMilliseconds:F0} ms); {failures.Count} failed attempts were resent: " +
            string.Join(", ", failures.GroupBy(f => f.Split(' ')[0]).Select(g => $"{g.Count()} × {g.Key}")));
        foreach (var failure in failures.Distinct().Take(5))
        {
            output.WriteLine($"  e.g. {failure}");
        }

        Assert.True(slowest < TimeSpan.FromSeconds(5), $"A conversation waited {slowest.TotalMilliseconds:F0} ms after the kill for its next turn.");
        foreach (var id in ids)
        {
            var stored = await StoredTurnsAsync(id);
            Assert.Equal([(id + " warm-up", stored[0].Assistant), .. acknowledged[id]], stored);
        }
    }

    [Fact]
    public async Task Killing_the_front_end_of_a_running_turn_lets_the_next_turn_through_a_survivor_run_within_seconds_and_stores_nothing_of_it()
    {
        var id = await CreateConversationAsync(_cluster.Silos[0]);
        Assert.Equal(HttpStatusCode.OK, (await TurnAsync(_cluster.Silos[0], id, "warm-up", stream: false, idempotencyKey: null)).Status);

        // The grain must outlive the kill: the front end killed is another silo, and the next turn goes through the third.
        var host = (await _cluster.ActivationsAsync("ConversationGrain")).Single(h => h.Value == 1).Key;
        var frontEnd = _cluster.Silos.First(s => s != host);
        var survivor = _cluster.Silos.First(s => s != host && s != frontEnd);
        var sent = _cluster.Emulator.Control.GetStats().Totals.Requests;

        // The slow turn holds the upstream far longer than the test waits; only the conversation's own release ends it.
        _cluster.Emulator.Control.AddFault(new FaultRule { Kind = FaultKind.Latency, DelayMs = 60_000, Times = 1 });
        var slow = TurnAsync(frontEnd, id, "slow turn", stream: true, idempotencyKey: null);
        await Polling.UntilAsync(() => Task.FromResult(_cluster.Emulator.Control.GetStats().Totals.Requests > sent), "Groq has the slow turn");
        var next = TurnAsync(survivor, id, "next turn", stream: false, idempotencyKey: "next-turn");

        frontEnd.Kill();
        var killedAt = Stopwatch.GetTimestamp();
        var answered = await next;
        var resends = 0;

        // The grains that lived on the killed silo (a key's, a quota's) re-activate on a survivor a moment after it is
        // declared dead; a turn that needs one in that moment gets a clear 503, and the client resends it with its key.
        while (answered.Status == HttpStatusCode.ServiceUnavailable && Stopwatch.GetElapsedTime(killedAt) < TimeSpan.FromSeconds(5))
        {
            output.WriteLine($"resent after 503: {answered.Failure}");
            resends++;
            await Task.Delay(TimeSpan.FromMilliseconds(250));
            answered = await TurnAsync(survivor, id, "next turn", stream: false, idempotencyKey: "next-turn");
        }

        var wait = Stopwatch.GetElapsedTime(killedAt);
        output.WriteLine($"the turn queued through a survivor was answered {wait.TotalMilliseconds:F0} ms after its conversation's front end was killed mid-turn ({resends} resends).");
        Assert.Equal(0, (int)(await slow).Status);

        Assert.True(answered.Status == HttpStatusCode.OK, $"The next turn got {answered.Status}: {answered.Failure}");
        Assert.True(wait < TimeSpan.FromSeconds(5), $"The next turn waited {wait.TotalMilliseconds:F0} ms after the kill.");
        Assert.Equal(["warm-up", "next turn"], (await StoredTurnsAsync(id)).Select(t => t.User));
        using var history = JsonDocument.Parse(await survivor.Http.GetStringAsync($"v1/conversations/{id}/messages"));
        Assert.DoesNotContain("slow turn", history.RootElement.GetRawText(), StringComparison.Ordinal);
    }

    private async Task<string> CreateConversationAsync(SiloProcess silo)
    {
        using var response = await silo.Http.PostAsync("v1/conversations", JsonBody("""{"model":"speed"}"""));
        Assert.True(
            response.IsSuccessStatusCode,
            $"Creating a conversation answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}\nThe silo's last lines:\n{string.Join('\n', silo.Output.TakeLast(40))}");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>Sends one turn; its answer when it was served whole (a stream ending in <c>[DONE]</c>), else why not.</summary>
    private static async Task<TurnResult> TurnAsync(SiloProcess silo, string id, string text, bool stream, string? idempotencyKey)
    {
        using var timeout = new CancellationTokenSource(RequestTimeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"v1/conversations/{id}/messages")
        {
            Content = JsonBody(JsonSerializer.Serialize(new { content = text, stream, max_tokens = 8 })),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        try
        {
            using var response = await silo.Http.SendAsync(request, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return new TurnResult(response.StatusCode, null, body);
            }

            if (!stream)
            {
                using var json = JsonDocument.Parse(body);
                return new TurnResult(response.StatusCode, json.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), null);
            }

            return body.EndsWith("data: [DONE]\n\n", StringComparison.Ordinal)
                ? new TurnResult(response.StatusCode, StreamedContent(body), null)
                : new TurnResult(response.StatusCode, null, body[Math.Max(0, body.Length - 300)..]);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
        {
            Assert.False(timeout.IsCancellationRequested, $"A turn on {id} hung for {RequestTimeout.TotalSeconds} s.");
            return new TurnResult(0, null, e.GetType().Name);
        }
    }

    /// <summary>The conversation's turns as PostgreSQL holds them: each user message with the assistant message after it.</summary>
    private async Task<List<(string User, string Assistant)>> StoredTurnsAsync(string id)
    {
        await using var dataSource = NpgsqlDataSource.Create(_cluster.Database);
        await using var command = dataSource.CreateCommand("SELECT role, message::text FROM conversation_messages WHERE conversation_id = $1 ORDER BY seq");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = id });
        await using var reader = await command.ExecuteReaderAsync();
        var messages = new List<(string Role, string Content)>();
        while (await reader.ReadAsync())
        {
            using var json = JsonDocument.Parse(reader.GetString(1));
            messages.Add((reader.GetString(0), json.RootElement.GetProperty("content").GetString()!));
        }

        Assert.Equal(Enumerable.Range(0, messages.Count).Select(i => i % 2 == 0 ? "user" : "assistant"), messages.Select(m => m.Role));
        return [.. messages.Chunk(2).Select(pair => (pair[0].Content, pair[1].Content))];
    }

    private async Task<SiloProcess> BusiestConversationHostAsync() =>
        (await _cluster.ActivationsAsync("ConversationGrain")).MaxBy(host => host.Value).Key;

    private async Task<int> ConversationsOnAsync(SiloProcess silo) => (await _cluster.ActivationsAsync("ConversationGrain"))[silo];

    private static int Round(string text) => int.Parse(text.Split(' ')[2], CultureInfo.InvariantCulture);

    private static TimeSpan Median(ICollection<TimeSpan> values) => values.Order().ElementAt(values.Count / 2);

    private static StringContent JsonBody(string json) => new(json, Encoding.UTF8, "application/json");

    private static string StreamedContent(string sse)
    {
        var content = new StringBuilder();
        foreach (var line in sse.Split('\n').Where(l => l.StartsWith("data: {", StringComparison.Ordinal)))
        {
            using var chunk = JsonDocument.Parse(line["data: ".Length..]);
            if (chunk.RootElement.GetProperty("choices") is { ValueKind: JsonValueKind.Array } choices && choices.GetArrayLength() > 0
                && choices[0].GetProperty("delta").TryGetProperty("content", out var text) && text.ValueKind == JsonValueKind.String)
            {
                content.Append(text.GetString());
            }
        }

        return content.ToString();
    }

    private sealed record TurnResult(HttpStatusCode Status, string? Answer, string? Failure);
}
