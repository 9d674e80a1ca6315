using OrleansGroq.Abstractions.Routing;
using OrleansGroq.Grains.Chat;
using OrleansGroq.Grains.Routing;

namespace OrleansGroq.Tests.Routing;

public sealed class RouteRequestTests
{
    [Fact]
    public void A_plain_chat_body_needs_nothing_beyond_text()
    {
        var request = RouteRequest.For(Chat(), default, 42);

        Assert.Equal(new RouteRequest("auto", default, ModelCapabilities.None, 42, 256), request);
    }

    [Fact]
    public void Images_tools_and_a_response_format_become_needs()
    {
        var hints = new RoutingHints(50, ModelCapabilities.Reasoning, true);

        var request = RouteRequest.For(Chat() with { HasImages = true, HasTools = true, ResponseFormat = ResponseFormatKind.JsonObject }, hints, 10);

        Assert.Equal(ModelCapabilities.Vision | ModelCapabilities.Tools | ModelCapabilities.Json, request.Needs);
        Assert.Equal(hints, request.Hints);
    }

    [Fact]
    public void A_strict_schema_needs_strict_json_and_reasoning_options_need_a_reasoning_model()
    {
        var request = RouteRequest.For(Chat() with { ResponseFormat = ResponseFormatKind.StrictJsonSchema, HasReasoningOptions = true }, default, 10);

        Assert.Equal(ModelCapabilities.Json | ModelCapabilities.StrictJson | ModelCapabilities.Reasoning, request.Needs);
    }

    private static ChatRequest Chat() => new() { Model = "auto", ModelValueRange = 10..16, MaxTokens = 256 };
}
