using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text;
using System.Text.Json;
using OpenAI;
using OpenAI.Chat;
using OrleansGroq.Emulator.Tests.Support;

namespace OrleansGroq.Emulator.Tests.Compatibility;

/// <summary>The official OpenAI .NET SDK, pointed at the emulator as at Groq, must not notice the difference.</summary>
public sealed class OpenAiSdkTests : IAsyncLifetime
{
    private EmulatorScope _emulator = null!;

    public async Task InitializeAsync() => _emulator = await EmulatorScope.StartAsync(EmulatorScope.OneAccount(limits: new ModelLimits { Rpm = 3 }));

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    private ChatClient Client(string model = EmulatorScope.SmallModel) => new(
        model,
        new ApiKeyCredential(EmulatorScope.Key),
        new OpenAIClientOptions { Endpoint = new Uri(_emulator.Host.BaseAddress, "openai/v1"), RetryPolicy = new ClientRetryPolicy(maxRetries: 0) });

    [Fact]
    public async Task Completes_a_chat()
    {
        ChatCompletion completion = await Client().CompleteChatAsync([new SystemChatMessage("Be brief."), new UserChatMessage("Hello")]);

        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.Equal(32, completion.Content[0].Text.Split(' ').Length);
        Assert.Equal(32, completion.Usage.OutputTokenCount);
        Assert.Equal(EmulatorScope.SmallModel, completion.Model);
        Assert.StartsWith("chatcmpl-", completion.Id, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Streams_a_chat_with_usage()
    {
        var text = new StringBuilder();
        ChatTokenUsage? usage = null;
        ChatFinishReason? finish = null;
        await foreach (var update in Client().CompleteChatStreamingAsync([new UserChatMessage("Hello")], new ChatCompletionOptions { MaxOutputTokenCount = 7 }))
        {
            text.Append(string.Concat(update.ContentUpdate.Select(p => p.Text)));
            usage = update.Usage ?? usage;
            finish = update.FinishReason ?? finish;
        }

        Assert.Equal(7, text.ToString().Split(' ').Length);
        Assert.Equal(ChatFinishReason.Length, finish);
        Assert.Equal(7, usage!.OutputTokenCount);
    }

    [Fact]
    public async Task Calls_a_tool_and_fills_a_strict_schema()
    {
        var options = new ChatCompletionOptions
        {
            Tools = { ChatTool.CreateFunctionTool("get_weather", "Weather", BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""")) },
        };
        ChatCompletion call = await Client().CompleteChatAsync([new UserChatMessage("Weather?")], options);

        Assert.Equal(ChatFinishReason.ToolCalls, call.FinishReason);
        Assert.Equal("get_weather", call.ToolCalls[0].FunctionName);
        Assert.Equal(JsonValueKind.String, JsonDocument.Parse(call.ToolCalls[0].FunctionArguments).RootElement.GetProperty("city").ValueKind);

        var structured = new ChatCompletionOptions
        {
            ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat("answer", BinaryData.FromString("""{"type":"object","properties":{"n":{"type":"integer"}},"required":["n"],"additionalProperties":false}"""), jsonSchemaIsStrict: true),
        };
        ChatCompletion json = await Client("openai/gpt-oss-20b").CompleteChatAsync([new UserChatMessage("Count")], structured);

        Assert.Equal(1, JsonDocument.Parse(json.Content[0].Text).RootElement.GetProperty("n").GetInt32());
    }

    [Fact]
    public async Task Sees_rate_limits_as_429s()
    {
        for (var i = 0; i < 3; i++)
        {
            await Client().CompleteChatAsync([new UserChatMessage("Hello")]);
        }

        var error = await Assert.ThrowsAsync<ClientResultException>(() => Client().CompleteChatAsync([new UserChatMessage("Hello")]));

        Assert.Equal(429, error.Status);
        Assert.Contains("rate_limit_exceeded", error.Message, StringComparison.Ordinal);
    }
}
