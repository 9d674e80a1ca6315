using System.ClientModel;
using System.ClientModel.Primitives;
using OpenAI;
using OpenAI.Chat;
using OrleansGroq.IntegrationTests.Infrastructure;

namespace OrleansGroq.IntegrationTests.Sdk;

/// <summary>The official OpenAI .NET SDK, pointed at the gateway by endpoint, as a user would.</summary>
public sealed class OpenAiDotNetSdkTests : IAsyncLifetime
{
    private static readonly TestKey Key = new("k1", "org_sdk", "gsk_test_dotnet_sdk_key");
    private TestUpstream _upstream = null!;

    public async Task InitializeAsync() => _upstream = await TestUpstream.StartAsync([Key]);

    public async Task DisposeAsync() => await _upstream.DisposeAsync();

    private ChatClient Client(string model = "speed") => new(model, new ApiKeyCredential("any-token-on-loopback"), new OpenAIClientOptions
    {
        Endpoint = new Uri(_upstream.Gateway.BaseAddress, "openai/v1"),
        RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
    });

    [Fact]
    public async Task Completes_a_chat()
    {
        ChatCompletion completion = await Client().CompleteChatAsync([new UserChatMessage("Say hello.")], new ChatCompletionOptions { MaxOutputTokenCount = 12 });

        Assert.Equal(ChatFinishReason.Length, completion.FinishReason);
        Assert.False(string.IsNullOrWhiteSpace(completion.Content[0].Text));
        Assert.Equal("llama-3.1-8b-instant", completion.Model);
        Assert.True(completion.Usage.OutputTokenCount > 0);
    }

    [Fact]
    public async Task Streams_a_chat()
    {
        var text = new System.Text.StringBuilder();
        ChatFinishReason? finish = null;
        await foreach (var update in Client().CompleteChatStreamingAsync([new UserChatMessage("Say hello.")]))
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }

            finish ??= update.FinishReason;
        }

        Assert.True(text.Length > 0);
        Assert.NotNull(finish);
    }

    [Fact]
    public async Task Surfaces_a_gateway_429_as_its_rate_limit_error()
    {
        _upstream.Emulator.Control.SetLimits(Key.Account, ChatBodies.Model, new() { Rpm = 1 });
        var client = Client(ChatBodies.Model);

        var error = await Assert.ThrowsAsync<ClientResultException>(async () =>
        {
            for (var i = 0; i < 5; i++)
            {
                await client.CompleteChatAsync([new UserChatMessage("Hello")]);
            }
        });

        Assert.Equal(429, error.Status);
        Assert.True(error.GetRawResponse()!.Headers.TryGetValue("retry-after", out var retryAfter));
        Assert.True(int.Parse(retryAfter!, System.Globalization.CultureInfo.InvariantCulture) >= 1);
    }
}
