using System.Net;
using OrleansGroq.Emulator;
using OrleansGroq.IntegrationTests.Infrastructure;

using OrleansGroq.Testing;

namespace OrleansGroq.IntegrationTests.Conversations;

/// <summary>Two gateway nodes sharing one PostgreSQL database and one upstream: one conversation, either node.</summary>
public sealed class TwoNodeConversationTests : IAsyncLifetime
{
    private static readonly TestKey KeyA = new("a1", "org_a", "gsk_test_two_nodes_account_a");
    private static readonly TestKey KeyB = new("b1", "org_b", "gsk_test_two_nodes_account_b");
    private TestUpstream _upstream = null!;
    private GatewayHost _second = null!;
    private string _database = null!;

    public async Task InitializeAsync()
    {
        _database = await PostgresServer.CreateDatabaseAsync();
        var settings = new Dictionary<string, string> { ["ConnectionStrings:Postgres"] = _database };
        _upstream = await TestUpstream.StartAsync([KeyA, KeyB], settings);
        _second = await GatewayHost.StartAsync(new Uri(_upstream.Emulator.BaseAddress, "openai/v1/"), [KeyA, KeyB], settings);
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    [Fact]
    public async Task A_conversation_continued_alternately_on_both_nodes_keeps_a_complete_consistent_history()
    {
        var nodes = new[] { new ConversationClient(_upstream.Gateway.Http), new ConversationClient(_second.Http) };
        var id = await nodes[0].CreateAsync("""{"model":"speed","system":"Count with me."}""");

        var keys = new HashSet<string>();
        for (var turn = 0; turn < 6; turn++)
        {
            using var response = await nodes[turn % 2].SayAsync(id, $"turn {turn}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            keys.Add(response.Header("x-orleansgroq-key"));
        }

        foreach (var node in nodes)
        {
            var conversation = await node.GetAsync(id);
            Assert.Equal(6, conversation.GetProperty("version").GetInt64());
            var messages = conversation.GetProperty("messages").EnumerateArray().ToList();
            Assert.Equal(13, messages.Count);
            Assert.Equal(
                Enumerable.Range(0, 6).Select(t => $"turn {t}"),
                messages.Where(m => m.GetProperty("role").GetString() == "user").Select(m => m.GetProperty("content").GetString()));
        }

        Assert.Single(keys);
    }

    [Fact]
    public async Task When_a_node_goes_away_mid_conversation_the_other_continues_with_the_same_key_and_nothing_lost()
    {
        var first = new ConversationClient(_second.Http);
        var id = await first.CreateAsync("""{"model":"speed"}""");
        using var one = await first.SayAsync(id, "one");
        using var two = await first.SayAsync(id, "two");
        await _second.DisposeAsync();
        _second = await GatewayHost.StartAsync(new Uri(_upstream.Emulator.BaseAddress, "openai/v1/"), [KeyA, KeyB], new Dictionary<string, string> { ["ConnectionStrings:Postgres"] = _database });

        var survivor = new ConversationClient(_upstream.Gateway.Http);
        using var three = await survivor.SayAsync(id, "three");

        Assert.Equal(HttpStatusCode.OK, three.StatusCode);
        Assert.Equal(one.Header("x-orleansgroq-key"), three.Header("x-orleansgroq-key"));
        var messages = (await survivor.GetAsync(id)).GetProperty("messages");
        Assert.Equal(6, messages.GetArrayLength());
        Assert.Equal("three", messages[4].GetProperty("content").GetString());
    }

    [Fact]
    public async Task A_turn_that_overlaps_a_turn_on_the_other_node_waits_for_it_and_both_are_stored_in_order()
    {
        var nodeA = new ConversationClient(_upstream.Gateway.Http);
        var nodeB = new ConversationClient(_second.Http);
        var id = await nodeA.CreateAsync("""{"model":"speed"}""");
        _upstream.Emulator.Control.AddFault(new FaultRule { Kind = FaultKind.Latency, DelayMs = 1500, Times = 1 });

        var slow = nodeA.SayAsync(id, "slow turn");
        await Polling.UntilAsync(() => _upstream.Emulator.Control.GetStats().Totals.Requests == 1, "the slow turn reaches Groq");
        using var overlapping = await nodeB.SayAsync(id, "overlapping turn");
        using var completed = await slow;

        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, overlapping.StatusCode);
        var conversation = await nodeB.GetAsync(id);
        Assert.Equal(2, conversation.GetProperty("version").GetInt64());
        var users = conversation.GetProperty("messages").EnumerateArray()
            .Where(m => m.GetProperty("role").GetString() == "user").Select(m => m.GetProperty("content").GetString());
        Assert.Equal(["slow turn", "overlapping turn"], users);
    }

    [Fact]
    public async Task Two_concurrent_turns_on_one_node_are_serialized_by_the_grain()
    {
        var node = new ConversationClient(_upstream.Gateway.Http);
        var id = await node.CreateAsync("""{"model":"speed"}""");

        var responses = await Task.WhenAll(node.SayAsync(id, "first"), node.SayAsync(id, "second"));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var conversation = await node.GetAsync(id);
        Assert.Equal(2, conversation.GetProperty("version").GetInt64());
        var roles = conversation.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("role").GetString());
        Assert.Equal(["user", "assistant", "user", "assistant"], roles);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }
}
