using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using OrleansGroq.Client;
using OrleansGroq.IntegrationTests.Infrastructure;

namespace OrleansGroq.IntegrationTests.Client.Http;

/// <summary>How an application gets the clients: several nodes, and dependency injection.</summary>
public sealed class ClientWiringTests : IAsyncLifetime
{
    private static readonly TestKey Key = new("wiring-a", "org_wiring", "gsk_test_client_wiring_key");
    private TestUpstream _upstream = null!;

    public async Task InitializeAsync() => _upstream = await TestUpstream.StartAsync([Key]);

    public async Task DisposeAsync() => await _upstream.DisposeAsync();

    [Fact]
    public async Task A_node_that_refuses_connections_is_skipped_for_the_next()
    {
        var options = new OrleansGroqClientOptions { Endpoints = [ClosedPort.Root(), _upstream.Gateway.BaseAddress], DefaultModel = "speed" };
        using var chat = new OrleansGroqChatClient(options);
        using var conversations = new OrleansGroqConversationClient(options);

        var response = await chat.GetResponseAsync("Say hello.", new ChatOptions { MaxOutputTokens = 4 });
        var streamed = await chat.GetStreamingResponseAsync("Say hello.", new ChatOptions { MaxOutputTokens = 4 }).ToChatResponseAsync();
        var conversation = await conversations.CreateAsync();

        Assert.Equal(Key.Alias, response.GetGatewayInfo()?.KeyAlias);
        Assert.False(string.IsNullOrWhiteSpace(streamed.Text));
        Assert.NotNull(await conversations.GetAsync(conversation.Id));
        Assert.Equal(2, _upstream.Emulator.Control.GetStats().Totals.Requests);
    }

    [Fact]
    public async Task With_every_node_refusing_the_connection_failure_is_thrown()
    {
        using var chat = new OrleansGroqChatClient(new OrleansGroqClientOptions { Endpoints = [ClosedPort.Root(), ClosedPort.Root()] });

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => chat.GetResponseAsync("Say hello."));

        Assert.Equal(HttpRequestError.ConnectionError, error.HttpRequestError);
    }

    [Fact]
    public async Task Dependency_injection_registers_the_chat_client_with_its_middleware_and_the_conversation_client()
    {
        var services = new ServiceCollection();
        services.AddOrleansGroqChatClient(o =>
        {
            o.Endpoint = _upstream.Gateway.BaseAddress;
            o.DefaultModel = "speed";
        }).UseFunctionInvocation();
        await using var provider = services.BuildServiceProvider();
        var chat = provider.GetRequiredService<IChatClient>();
        var conversations = provider.GetRequiredService<IConversationClient>();
        var calls = 0;

        var response = await chat.GetResponseAsync("Weather?", new ChatOptions { Tools = [AIFunctionFactory.Create(() => ++calls, "count_calls")] });
        var conversation = await conversations.CreateAsync();

        Assert.NotNull(chat.GetService<FunctionInvokingChatClient>());
        Assert.NotNull(chat.GetService<OrleansGroqChatClient>());
        Assert.Equal(1, calls);
        Assert.False(string.IsNullOrWhiteSpace(response.Text));
        Assert.StartsWith("conv_", conversation.Id, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_without_an_endpoint_are_refused_naming_the_setting()
    {
        var error = Assert.Throws<ArgumentException>(() => new OrleansGroqChatClient(new OrleansGroqClientOptions()));

        Assert.Contains("OrleansGroqClientOptions.Endpoint", error.Message, StringComparison.Ordinal);
    }
}
