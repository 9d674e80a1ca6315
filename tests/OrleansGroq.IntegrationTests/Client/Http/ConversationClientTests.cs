using Microsoft.Extensions.AI;
using OrleansGroq.Client;
using OrleansGroq.IntegrationTests.Infrastructure;

namespace OrleansGroq.IntegrationTests.Client.Http;

/// <summary><see cref="OrleansGroqConversationClient"/> against a gateway in front of the emulator.</summary>
public sealed class ConversationClientTests : IAsyncLifetime
{
    private static readonly TestKey Key = new("conv-client-a", "org_conv_client", "gsk_test_conversation_client_key");
    private TestUpstream _upstream = null!;
    private OrleansGroqConversationClient _conversations = null!;
    private OrleansGroqChatClient _chat = null!;

    public async Task InitializeAsync()
    {
        _upstream = await TestUpstream.StartAsync([Key]);
        var options = new OrleansGroqClientOptions { Endpoint = _upstream.Gateway.BaseAddress, DefaultModel = "speed" };
        _conversations = new OrleansGroqConversationClient(options);
        _chat = new OrleansGroqChatClient(options);
    }

    public async Task DisposeAsync()
    {
        _conversations.Dispose();
        _chat.Dispose();
        await _upstream.DisposeAsync();
    }

    [Fact]
    public async Task Creates_runs_a_turn_reads_lists_and_deletes_a_conversation()
    {
        var created = await _conversations.CreateAsync(new ConversationCreateOptions
        {
            Model = "speed",
            SystemPrompt = "Be brief.",
            Metadata = new Dictionary<string, string> { ["app"] = "tests" },
        });

        var reply = await _conversations.SendAsync(created.Id, new ChatMessage(ChatRole.User, "Hello!"), new ChatOptions { MaxOutputTokens = 8 });
        var read = await _conversations.GetAsync(created.Id);
        var listed = await _conversations.ListAsync(limit: 100);
        var deleted = await _conversations.DeleteAsync(created.Id);

        Assert.Equal(ChatBodies.Model, created.Model);
        Assert.Equal("tests", created.Metadata?.GetProperty("app").GetString());
        Assert.False(string.IsNullOrWhiteSpace(reply.Text));
        Assert.Equal(created.Id, reply.ConversationId);
        Assert.Equal(created.Id, reply.GetGatewayInfo()?.ConversationId);
        Assert.NotNull(read);
        Assert.Equal(1, read.Version);
        Assert.Equal(Key.Alias, read.KeyAlias);
        Assert.Equal([ChatRole.System, ChatRole.User, ChatRole.Assistant], read.Messages.Select(m => m.Role));
        Assert.Equal(["Be brief.", "Hello!", reply.Text], read.Messages.Select(m => m.Text));
        Assert.Contains(listed.Conversations, c => c.Id == created.Id && c.Messages.Count == 0);
        Assert.True(deleted);
        Assert.Null(await _conversations.GetAsync(created.Id));
        Assert.False(await _conversations.DeleteAsync(created.Id));
    }

    [Fact]
    public async Task Streams_a_turn_and_stores_what_was_streamed()
    {
        var created = await _conversations.CreateAsync();

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in _conversations.SendStreamingAsync(created.Id, new ChatMessage(ChatRole.User, "Hello!"), new ChatOptions { MaxOutputTokens = 8 }))
        {
            updates.Add(update);
        }

        var reply = updates.ToChatResponse();
        var read = await _conversations.GetAsync(created.Id);
        Assert.False(string.IsNullOrWhiteSpace(reply.Text));
        Assert.Equal(created.Id, reply.GetGatewayInfo()?.ConversationId);
        Assert.Equal(reply.Text, read!.Messages[^1].Text);
    }

    [Fact]
    public async Task A_turn_resent_with_its_idempotency_key_is_answered_from_the_stored_turn()
    {
        var created = await _conversations.CreateAsync();
        var options = new ChatOptions { MaxOutputTokens = 8 }.WithGateway(new() { IdempotencyKey = "turn-1" });

        var first = await _conversations.SendAsync(created.Id, new ChatMessage(ChatRole.User, "Hello!"), options);
        var again = await _conversations.SendAsync(created.Id, new ChatMessage(ChatRole.User, "Hello!"), options);

        Assert.Equal(first.Text, again.Text);
        Assert.False(first.GetGatewayInfo()?.IdempotentReplay);
        Assert.True(again.GetGatewayInfo()?.IdempotentReplay);
        Assert.Equal(1, _upstream.Emulator.Control.GetStats().Totals.Requests);
        Assert.Equal(2, (await _conversations.GetAsync(created.Id))!.Messages.Count);
    }

    [Fact]
    public async Task A_tool_call_and_its_result_are_turns_of_the_conversation()
    {
        var created = await _conversations.CreateAsync();
        var tools = new ChatOptions { Tools = [AIFunctionFactory.Create((string city) => $"sunny in {city}", "get_weather")] };

        var call = await _conversations.SendAsync(created.Id, new ChatMessage(ChatRole.User, "Weather in Pune?"), tools);
        var request = Assert.Single(call.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        var answer = await _conversations.SendAsync(created.Id, new ChatMessage(ChatRole.Tool, [new FunctionResultContent(request.CallId, "sunny")]), tools);
        var read = await _conversations.GetAsync(created.Id);

        Assert.False(string.IsNullOrWhiteSpace(answer.Text));
        Assert.Equal([ChatRole.User, ChatRole.Assistant, ChatRole.Tool, ChatRole.Assistant], read!.Messages.Select(m => m.Role));
        Assert.Equal(request.CallId, read.Messages[1].Contents.OfType<FunctionCallContent>().Single().CallId);
        Assert.Equal("get_weather", read.Messages[1].Contents.OfType<FunctionCallContent>().Single().Name);
        Assert.Equal("sunny", read.Messages[2].Contents.OfType<FunctionResultContent>().Single().Result?.ToString());
    }

    [Fact]
    public async Task A_turn_of_two_tool_results_is_refused_before_it_is_sent()
    {
        var created = await _conversations.CreateAsync();
        var results = new ChatMessage(ChatRole.Tool, [new FunctionResultContent("call_1", "a"), new FunctionResultContent("call_2", "b")]);

        await Assert.ThrowsAsync<ArgumentException>(() => _conversations.SendAsync(created.Id, results));

        Assert.Equal(0, _upstream.Emulator.Control.GetStats().Totals.Requests);
    }

    [Fact]
    public async Task A_chat_client_call_with_a_conversation_id_is_a_turn_and_function_invocation_sends_only_the_new_messages()
    {
        var created = await _conversations.CreateAsync(new() { Model = "speed" });
        var chat = new ChatClientBuilder(_chat).UseFunctionInvocation().Build();
        var options = new ChatOptions { ConversationId = created.Id, Tools = [AIFunctionFactory.Create((string city) => $"sunny in {city}", "get_weather")] };

        var response = await chat.GetResponseAsync("Weather in Pune?", options);
        var read = await _conversations.GetAsync(created.Id);

        Assert.False(string.IsNullOrWhiteSpace(response.Text));
        Assert.Equal(created.Id, response.ConversationId);
        Assert.Equal(created.Id, options.ConversationId);
        Assert.Equal([ChatRole.User, ChatRole.Assistant, ChatRole.Tool, ChatRole.Assistant], read!.Messages.Select(m => m.Role));
    }

    [Fact]
    public async Task A_turn_of_a_missing_conversation_is_a_typed_404()
    {
        var error = await Assert.ThrowsAsync<OrleansGroqException>(() =>
            _conversations.SendAsync("conv_01kf0000000000000000000000", new ChatMessage(ChatRole.User, "Hello!")));

        Assert.Equal(404, error.StatusCode);
        Assert.Equal("conversation_not_found", error.Code);
    }
}
