using System.Net;
using System.Text.Json;
using OrleansGroq.IntegrationTests.Infrastructure;

namespace OrleansGroq.IntegrationTests.Conversations;

public sealed class ConversationApiTests : IAsyncLifetime
{
    private static readonly TestKey KeyA = new("a1", "org_a", "gsk_test_conversations_account_a");
    private static readonly TestKey KeyB = new("b1", "org_b", "gsk_test_conversations_account_b");
    private TestUpstream _upstream = null!;
    private ConversationClient _client = null!;

    public async Task InitializeAsync()
    {
        _upstream = await TestUpstream.StartAsync([KeyA, KeyB]);
        _client = new ConversationClient(_upstream.Gateway.Http);
    }

    public async Task DisposeAsync() => await _upstream.DisposeAsync();

    [Fact]
    public async Task Create_answers_201_with_the_resolved_model_and_a_location()
    {
        using var response = await _client.SendAsync(HttpMethod.Post, "v1/conversations", """{"model":"speed","system":"Be brief.","metadata":{"user":"u1"}}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var id = json.RootElement.GetProperty("id").GetString()!;
        Assert.StartsWith("conv_", id, StringComparison.Ordinal);
        Assert.Equal("llama-3.1-8b-instant", json.RootElement.GetProperty("model").GetString());
        Assert.Equal("u1", json.RootElement.GetProperty("metadata").GetProperty("user").GetString());
        Assert.True(json.RootElement.GetProperty("created_at").GetInt64() > 0);
        Assert.EndsWith($"/v1/conversations/{id}", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_turn_sends_the_whole_history_and_stores_both_messages_on_one_pinned_key()
    {
        var id = await _client.CreateAsync("""{"model":"speed","system":"You are terse."}""");

        using var first = await _client.SayAsync(id, "What is the capital of France?");
        using var second = await _client.SayAsync(id, "And of Spain?");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(id, first.Header("x-orleansgroq-conversation"));
        Assert.Equal("0", second.Header("x-orleansgroq-history-trimmed"));
        Assert.Equal(first.Header("x-orleansgroq-key"), second.Header("x-orleansgroq-key"));
        var firstPrompt = await PromptTokensAsync(first);
        var secondPrompt = await PromptTokensAsync(second);
        Assert.True(secondPrompt > firstPrompt + 5, $"turn 2 sent {secondPrompt} prompt tokens, turn 1 {firstPrompt}");

        var conversation = await _client.GetAsync(id);
        Assert.Equal(2, conversation.GetProperty("version").GetInt64());
        Assert.Equal(first.Header("x-orleansgroq-key"), conversation.GetProperty("key").GetString());
        var roles = conversation.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("role").GetString()!).ToArray();
        Assert.Equal(["system", "user", "assistant", "user", "assistant"], roles);
        Assert.Equal("And of Spain?", conversation.GetProperty("messages")[3].GetProperty("content").GetString());
    }

    [Fact]
    public async Task A_streamed_turn_relays_sse_and_stores_the_assembled_reply()
    {
        var id = await _client.CreateAsync();

        using var response = await _client.SayAsync(id, "Tell me a story.", stream: true, maxTokens: 12);
        var sse = await response.Content.ReadAsStringAsync();

        Assert.EndsWith("data: [DONE]\n\n", sse, StringComparison.Ordinal);
        var streamed = string.Concat(sse.Split('\n')
            .Where(l => l.StartsWith("data: {", StringComparison.Ordinal))
            .Select(l => JsonDocument.Parse(l[6..]).RootElement.GetProperty("choices"))
            .Where(c => c.GetArrayLength() > 0 && c[0].GetProperty("delta").TryGetProperty("content", out _))
            .Select(c => c[0].GetProperty("delta").GetProperty("content").GetString()));
        var stored = (await _client.GetAsync(id)).GetProperty("messages")[1];
        Assert.Equal("assistant", stored.GetProperty("role").GetString());
        Assert.Equal(streamed, stored.GetProperty("content").GetString());
        Assert.False(string.IsNullOrEmpty(streamed));
    }

    [Fact]
    public async Task The_conversation_header_on_chat_completions_prepends_history_and_appends_the_turn()
    {
        var id = await _client.CreateAsync();
        using var first = await _client.SayAsync(id, "Remember the number 42.");

        using var response = await _client.SendAsync(
            HttpMethod.Post, "openai/v1/chat/completions", ChatBodies.Simple(), new Dictionary<string, string> { ["x-conversation-id"] = id });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(id, response.Header("x-orleansgroq-conversation"));
        var messages = (await _client.GetAsync(id)).GetProperty("messages");
        Assert.Equal(4, messages.GetArrayLength());
        Assert.Equal("Say hello.", messages[2].GetProperty("content").GetString());
    }

    [Fact]
    public async Task Messages_page_with_after_and_limit()
    {
        var id = await _client.CreateAsync("""{"system":"s"}""");
        for (var i = 0; i < 2; i++)
        {
            using var _ = await _client.SayAsync(id, $"turn {i}");
        }

        using var page1 = await _client.SendAsync(HttpMethod.Get, $"v1/conversations/{id}/messages?limit=2");
        using var page2 = await _client.SendAsync(HttpMethod.Get, $"v1/conversations/{id}/messages?after=2&limit=2");
        using var json1 = JsonDocument.Parse(await page1.Content.ReadAsStringAsync());
        using var json2 = JsonDocument.Parse(await page2.Content.ReadAsStringAsync());

        Assert.Equal([1, 2], json1.RootElement.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("sequence").GetInt32()));
        Assert.True(json1.RootElement.GetProperty("has_more").GetBoolean());
        Assert.Equal([3, 4], json2.RootElement.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("sequence").GetInt32()));
        Assert.Equal("turn 1", json2.RootElement.GetProperty("data")[1].GetProperty("message").GetProperty("content").GetString());
    }

    [Fact]
    public async Task A_huge_completion_budget_trims_the_oldest_turns_and_says_so()
    {
        var id = await _client.CreateAsync("""{"model":"speed","system":"s"}""");
        for (var i = 0; i < 3; i++)
        {
            using var _ = await _client.SayAsync(id, $"turn {i} " + new string('x', 200));
        }

        using var response = await _client.SayAsync(id, "last", maxTokens: 131000);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(int.Parse(response.Header("x-orleansgroq-history-trimmed"), System.Globalization.CultureInfo.InvariantCulture) >= 2);
        Assert.Equal(9, (await _client.GetAsync(id)).GetProperty("messages").GetArrayLength());
    }

    [Fact]
    public async Task A_rate_limited_pinned_key_rotates_and_the_new_key_stays_pinned()
    {
        var id = await _client.CreateAsync("""{"model":"speed"}""");
        using var first = await _client.SayAsync(id, "one");
        var pinned = first.Header("x-orleansgroq-key");
        var pinnedKey = pinned == KeyA.Alias ? KeyA : KeyB;
        _upstream.Emulator.Control.SetLimits(pinnedKey.Account, ChatBodies.Model, new() { Rpm = 1 });
        using (var direct = new HttpClient { BaseAddress = _upstream.Emulator.BaseAddress })
        {
            using var burn = ChatBodies.Post(ChatBodies.Simple());
            burn.Headers.Authorization = new("Bearer", pinnedKey.Secret);
            using var _ = await direct.SendAsync(burn);
        }

        using var second = await _client.SayAsync(id, "two");
        using var third = await _client.SayAsync(id, "three");

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.NotEqual(pinned, second.Header("x-orleansgroq-key"));
        Assert.Equal(second.Header("x-orleansgroq-key"), third.Header("x-orleansgroq-key"));
        var conversation = await _client.GetAsync(id);
        Assert.Equal(1, conversation.GetProperty("key_rotations").GetInt32());
        Assert.Equal(second.Header("x-orleansgroq-key"), conversation.GetProperty("key").GetString());
    }

    private static async Task<int> PromptTokensAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("usage").GetProperty("prompt_tokens").GetInt32();
    }
}
