using System.ComponentModel;
using Microsoft.Extensions.AI;
using OrleansGroq.Client;
using OrleansGroq.IntegrationTests.Infrastructure;

namespace OrleansGroq.IntegrationTests.Client.Http;

/// <summary><see cref="OrleansGroqChatClient"/> against a gateway in front of the emulator: the chat itself.</summary>
public sealed class ChatClientTests : IAsyncLifetime
{
    private static readonly TestKey Key = new("client-a", "org_client", "gsk_test_dotnet_client_key");
    private TestUpstream _upstream = null!;
    private OrleansGroqChatClient _client = null!;

    public async Task InitializeAsync()
    {
        _upstream = await TestUpstream.StartAsync([Key]);
        _client = new OrleansGroqChatClient(new OrleansGroqClientOptions { Endpoint = _upstream.Gateway.BaseAddress, DefaultModel = "speed" });
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _upstream.DisposeAsync();
    }

    [Fact]
    public async Task Answers_a_chat_with_usage_and_what_the_gateway_reports()
    {
        var response = await _client.GetResponseAsync("Say hello.", new ChatOptions { MaxOutputTokens = 12 });

        Assert.False(string.IsNullOrWhiteSpace(response.Text));
        Assert.Equal(ChatBodies.Model, response.ModelId);
        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
        Assert.Equal(12, response.Usage?.OutputTokenCount);
        Assert.True(response.Usage?.InputTokenCount > 0);
        var info = response.GetGatewayInfo();
        Assert.NotNull(info);
        Assert.Equal(ChatBodies.Model, info.Model);
        Assert.Equal(Key.Alias, info.KeyAlias);
        Assert.Equal(1, info.Attempts);
        Assert.False(info.IsDegraded);
        Assert.False(string.IsNullOrEmpty(info.RequestId));
        Assert.Null(response.ConversationId);
    }

    [Fact]
    public async Task Streams_a_chat_whose_first_update_carries_what_the_gateway_reports()
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in _client.GetStreamingResponseAsync("Say hello.", new ChatOptions { MaxOutputTokens = 12 }))
        {
            updates.Add(update);
        }

        var response = updates.ToChatResponse();
        Assert.True(updates.Count > 2);
        Assert.Equal(Key.Alias, updates[0].GetGatewayInfo()?.KeyAlias);
        Assert.All(updates.Skip(1), u => Assert.Null(u.GetGatewayInfo()));
        Assert.False(string.IsNullOrWhiteSpace(response.Text));
        Assert.Equal(12, response.Usage?.OutputTokenCount);
        Assert.Equal(ChatBodies.Model, response.GetGatewayInfo()?.Model);
    }

    [Fact]
    public async Task Reports_a_cache_hit_for_a_deterministic_request_asked_again()
    {
        var options = new ChatOptions { Temperature = 0, MaxOutputTokens = 8 };

        var first = await _client.GetResponseAsync("Say hello.", options);
        var again = await _client.GetResponseAsync("Say hello.", options);

        Assert.False(first.GetGatewayInfo()?.CacheHit);
        Assert.True(again.GetGatewayInfo()?.CacheHit);
        Assert.Equal(first.Text, again.Text);
        Assert.Equal(1, _upstream.Emulator.Control.GetStats().Totals.Requests);
    }

    [Fact]
    public async Task Calls_a_tool_through_UseFunctionInvocation()
    {
        var (chat, calls) = WithWeatherTool();

        var response = await chat.GetResponseAsync("What's the weather in Pune?", new ChatOptions { Tools = [Weather(calls)] });

        Assert.Single(calls);
        Assert.Contains(response.Messages, m => m.Contents.OfType<FunctionCallContent>().Any(c => c.Name == "get_weather"));
        Assert.Contains(response.Messages, m => m.Contents.OfType<FunctionResultContent>().Any(r => r.Result?.ToString() == $"sunny in {calls.Single()}"));
        Assert.False(string.IsNullOrWhiteSpace(response.Text));
        Assert.Equal(2, _upstream.Emulator.Control.GetStats().Totals.Requests);
    }

    [Fact]
    public async Task Streams_a_tool_call_through_UseFunctionInvocation()
    {
        var (chat, calls) = WithWeatherTool();

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in chat.GetStreamingResponseAsync("What's the weather in Pune?", new ChatOptions { Tools = [Weather(calls)] }))
        {
            updates.Add(update);
        }

        Assert.Single(calls);
        Assert.Contains(updates, u => u.Contents.OfType<FunctionCallContent>().Any(c => c.Name == "get_weather" && c.Arguments?.ContainsKey("city") == true));
        Assert.False(string.IsNullOrWhiteSpace(updates.ToChatResponse().Text));
    }

    [Theory]
    [InlineData(false, "auto:tools_json")]
    [InlineData(true, "auto:strict_json")]
    public async Task Returns_a_typed_answer_through_a_json_schema(bool strict, string route)
    {
        var options = new ChatOptions { ModelId = "auto", AdditionalProperties = new() { ["strict"] = strict } };

        var response = await _client.GetResponseAsync<Forecast>("Forecast for Pune.", options);

        Assert.True(response.TryGetResult(out var forecast));
        Assert.NotNull(forecast.City);
        Assert.Equal(route, response.GetGatewayInfo()?.Route);
    }

    [Fact]
    public async Task Passes_reasoning_options_to_a_reasoning_model()
    {
        var none = await _client.GetResponseAsync("Think about it.", new ChatOptions { ModelId = "reasoning", Reasoning = new() { Effort = ReasoningEffort.None } });
        var low = await _client.GetResponseAsync("Think about it.", new ChatOptions { ModelId = "reasoning", Reasoning = new() { Effort = ReasoningEffort.Low } });

        Assert.Equal("openai/gpt-oss-120b", low.ModelId);
        Assert.True(low.Usage?.ReasoningTokenCount > 0);
        Assert.True(none.Usage?.ReasoningTokenCount is null or 0);
    }

    [Fact]
    public async Task A_cancelled_call_stops_waiting_for_the_answer()
    {
        _upstream.Emulator.Control.AddFault(new OrleansGroq.Emulator.FaultRule { Kind = OrleansGroq.Emulator.FaultKind.Latency, DelayMs = 60_000 });
        using var cancellation = new CancellationTokenSource();
        var call = _client.GetResponseAsync("Say hello.", cancellationToken: cancellation.Token);
        await Polling.UntilAsync(() => _upstream.Emulator.Control.GetStats().Totals.Requests > 0, "the request reached the emulator");

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    private (IChatClient Chat, List<string> Calls) WithWeatherTool() =>
        (new ChatClientBuilder(_client).UseFunctionInvocation().Build(), []);

    private static AIFunction Weather(List<string> calls) => AIFunctionFactory.Create(
        ([Description("The city")] string city) =>
        {
            calls.Add(city);
            return $"sunny in {city}";
        },
        "get_weather",
        "Today's weather in a city.");

    /// <summary>A structured answer.</summary>
    public sealed record Forecast(string City, int HighCelsius, string Summary);
}
