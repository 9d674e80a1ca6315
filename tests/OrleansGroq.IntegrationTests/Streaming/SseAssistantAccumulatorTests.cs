using System.Text;
using System.Text.Json;
using OrleansGroq.Grains.Upstream;
using OrleansGroq.Silo.Conversations;

namespace OrleansGroq.IntegrationTests.Streaming;

public sealed class SseAssistantAccumulatorTests
{
    private const string Role = """{"choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}""";
    private const string Hello = """{"choices":[{"index":0,"delta":{"content":"Hello"},"finish_reason":null}]}""";
    private const string World = """{"choices":[{"index":0,"delta":{"content":" world"},"finish_reason":null}]}""";
    private const string Final = """{"choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"x_groq":{"usage":{"prompt_tokens":9,"completion_tokens":2}}}""";

    [Fact]
    public void A_stream_that_gave_a_finish_reason_is_a_reply_with_its_usage()
    {
        var reply = Accumulate(out var usage, Role, Hello, World, Final);

        Assert.NotNull(reply);
        using var message = JsonDocument.Parse(reply.Json);
        Assert.Equal("Hello world", message.RootElement.GetProperty("content").GetString());
        Assert.Equal(2, reply.CompletionTokens);
        Assert.Equal(9, usage?.PromptTokens);
    }

    [Fact]
    public void A_stream_without_a_finish_reason_is_no_reply_though_its_usage_is_kept_for_settling()
    {
        var reply = Accumulate(out var usage, Role, Hello, """{"choices":[],"usage":{"prompt_tokens":9,"completion_tokens":1}}""");

        Assert.Null(reply);
        Assert.Equal(1, usage?.CompletionTokens);
    }

    [Fact]
    public void Chunks_of_unexpected_shapes_are_passed_over_rather_than_thrown_on()
    {
        var reply = Accumulate(
            out _,
            """{"choices":["x"]}""",
            """{"choices":[{"delta":"x","finish_reason":null}],"x_groq":5}""",
            """{"choices":[{"delta":{"tool_calls":[1,{"index":"0","function":"f"},{"index":0,"id":"call_1","function":{"name":"f","arguments":"{}"}}]}}]}""",
            """{"choices":[{"delta":{},"finish_reason":"tool_calls"}],"usage":{"completion_tokens":"3"}}""");

        Assert.NotNull(reply);
        using var message = JsonDocument.Parse(reply.Json);
        Assert.Equal("call_1", message.RootElement.GetProperty("tool_calls")[0].GetProperty("id").GetString());
        Assert.Equal(0, reply.CompletionTokens);
    }

    private static AssistantReply? Accumulate(out UsageCounts? usage, params string[] chunks)
    {
        var accumulator = new SseAssistantAccumulator();
        foreach (var chunk in chunks)
        {
            accumulator.OnData(Encoding.UTF8.GetBytes(chunk));
        }

        usage = accumulator.Usage;
        return accumulator.Build();
    }
}
