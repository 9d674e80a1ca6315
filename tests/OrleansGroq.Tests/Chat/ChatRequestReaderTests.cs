using System.Text;
using OrleansGroq.Abstractions.Routing;
using OrleansGroq.Grains.Chat;

namespace OrleansGroq.Tests.Chat;

public sealed class ChatRequestReaderTests
{
    private static (bool Ok, ChatRequest Request, ChatRequestError Error) Read(string json)
    {
        var ok = ChatRequestReader.TryRead(Encoding.UTF8.GetBytes(json), out var request, out var error);
        return (ok, request, error);
    }

    [Fact]
    public void Reads_the_fields_routing_needs_and_locates_the_model_value()
    {
        const string json = """{"model":"speed","stream":true,"max_tokens":64,"temperature":0,"user":"u-1","messages":[{"role":"system","content":"be brief"},{"role":"user","content":[{"type":"text","text":"hello"},{"type":"image_url","image_url":{"url":"data:x"}}]}],"tools":[{"type":"function","function":{"name":"f"}}],"response_format":{"type":"json_object"},"seed":7}""";

        var (ok, request, _) = Read(json);

        Assert.True(ok);
        Assert.Equal("speed", request.Model);
        Assert.Equal("\"speed\"", json[request.ModelValueRange]);
        Assert.True(request.Stream);
        Assert.Equal(64, request.MaxTokens);
        Assert.Equal(0, request.Temperature);
        Assert.Equal("u-1", request.User);
        Assert.Equal(2, request.MessageCount);
        Assert.Equal("be brief".Length + "hello".Length, request.PromptCharacters);
        Assert.True(request.HasTools);
        Assert.Equal(ResponseFormatKind.JsonObject, request.ResponseFormat);
        Assert.True(request.HasImages);
    }

    [Theory]
    [InlineData("""{"type":"text"}""", ResponseFormatKind.Text)]
    [InlineData("""{"type":"json_schema","json_schema":{"name":"x","schema":{"type":"object"}}}""", ResponseFormatKind.JsonSchema)]
    [InlineData("""{"json_schema":{"strict":true,"schema":{"type":"object","properties":{"strict":{"type":"boolean"}}}},"type":"json_schema"}""", ResponseFormatKind.StrictJsonSchema)]
    [InlineData("null", ResponseFormatKind.None)]
    public void Reads_the_kind_of_response_format(string format, ResponseFormatKind expected)
    {
        var (ok, request, _) = Read($$"""{"model":"m","response_format":{{format}},"messages":[{"role":"user","content":"x"}]}""");

        Assert.True(ok);
        Assert.Equal(expected, request.ResponseFormat);
    }

    [Theory]
    [InlineData("\"json\"", "response_format")]
    [InlineData("""{"type":"yaml"}""", "response_format.type")]
    [InlineData("{}", "response_format.type")]
    public void A_response_format_of_the_wrong_shape_is_refused_naming_the_field(string format, string param)
    {
        var (ok, _, error) = Read($$"""{"model":"m","response_format":{{format}},"messages":[{"role":"user","content":"x"}]}""");

        Assert.False(ok);
        Assert.Equal(param, error.Param);
    }

    [Fact]
    public void Reasoning_options_service_tier_and_tools_tell_what_the_request_needs()
    {
        var (ok, request, _) = Read("""{"model":"m","reasoning_effort":"low","service_tier":"flex","tools":[],"messages":[{"role":"user","content":"x"}]}""");

        Assert.True(ok);
        Assert.True(request.HasReasoningOptions);
        Assert.False(request.HasTools);
        Assert.Equal("flex", request.ServiceTier);
        Assert.Equal(ModelCapabilities.Text | ModelCapabilities.Reasoning, request.NeededCapabilities);
    }

    [Fact]
    public void Assistant_message_with_tool_calls_needs_no_content()
    {
        var (ok, request, _) = Read("""{"model":"m","messages":[{"role":"user","content":"x"},{"role":"assistant","tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"{}"}}]},{"role":"tool","tool_call_id":"c","content":"42"}]}""");

        Assert.True(ok);
        Assert.Equal(3, request.MessageCount);
    }

    [Theory]
    [InlineData("{\"model\":", "invalid_json", null)]
    [InlineData("[1,2]", "invalid_json", null)]
    [InlineData("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]} trailing", "invalid_json", null)]
    [InlineData("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", "missing_required_parameter", "model")]
    [InlineData("{\"model\":42,\"messages\":[]}", "invalid_type", "model")]
    [InlineData("{\"model\":\"m\"}", "missing_required_parameter", "messages")]
    [InlineData("{\"model\":\"m\",\"messages\":[]}", "empty_array", "messages")]
    [InlineData("{\"model\":\"m\",\"messages\":\"hello\"}", "invalid_type", "messages")]
    [InlineData("{\"model\":\"m\",\"messages\":[\"hello\"]}", "invalid_type", "messages[0]")]
    [InlineData("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"},{\"role\":\"wizard\",\"content\":\"x\"}]}", "invalid_value", "messages[1].role")]
    [InlineData("{\"model\":\"m\",\"messages\":[{\"content\":\"x\"}]}", "missing_required_parameter", "messages[0].role")]
    [InlineData("{\"model\":\"m\",\"messages\":[{\"role\":\"user\"}]}", "missing_required_parameter", "messages[0].content")]
    [InlineData("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":5}]}", "invalid_type", "messages[0].content")]
    [InlineData("{\"model\":\"m\",\"stream\":\"yes\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", "invalid_type", "stream")]
    [InlineData("{\"model\":\"m\",\"max_tokens\":-1,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", "integer_below_min_value", "max_tokens")]
    [InlineData("{\"model\":\"m\",\"max_completion_tokens\":1.5,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", "invalid_type", "max_completion_tokens")]
    [InlineData("{\"model\":\"m\",\"temperature\":3,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", "decimal_above_max_value", "temperature")]
    public void Refuses_bad_bodies_with_a_code_and_the_field_named(string json, string code, string? param)
    {
        var (ok, _, error) = Read(json);

        Assert.False(ok);
        Assert.Equal(code, error.Code);
        Assert.Equal(param, error.Param);
        if (param is not null)
        {
            Assert.Contains(param, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Deeply_nested_bodies_are_refused_not_crashed_on()
    {
        var json = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"x\":" + new string('[', 200) + new string(']', 200) + "}";

        var (ok, _, error) = Read(json);

        Assert.False(ok);
        Assert.Equal("invalid_json", error.Code);
        Assert.Equal("The JSON body is nested more than 64 levels deep.", error.Message);
    }

    [Theory]
    [InlineData(63, true)]
    [InlineData(64, false)]
    public void Nesting_is_read_up_to_64_levels(int arrays, bool read)
    {
        // The body object is the first level.
        var json = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"x\":" + new string('[', arrays) + new string(']', arrays) + "}";

        var (ok, _, error) = Read(json);

        Assert.Equal(read, ok);
        Assert.Equal(read ? null : "The JSON body is nested more than 64 levels deep.", error?.Message);
    }

    [Fact]
    public void A_syntax_error_deep_in_a_body_is_not_called_too_deep()
    {
        var json = "{\"model\":\"m\",\"x\":" + new string('[', 62) + "1 2";

        var (ok, _, error) = Read(json);

        Assert.False(ok);
        Assert.StartsWith("We could not parse the JSON body", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"max_tokens":10,"max_completion_tokens":20}""", 20, "max_completion_tokens")]
    [InlineData("""{"max_completion_tokens":20,"max_tokens":10}""", 20, "max_completion_tokens")]
    [InlineData("""{"max_tokens":10}""", 10, "max_tokens")]
    [InlineData("""{"max_tokens":16.0}""", 16, "max_tokens")]
    public void Max_completion_tokens_wins_over_the_deprecated_max_tokens(string fields, int expected, string param)
    {
        var (ok, request, _) = Read(fields.TrimEnd('}') + ""","model":"m","messages":[{"role":"user","content":"x"}]}""");

        Assert.True(ok);
        Assert.Equal((expected, param), (request.MaxTokens, request.MaxTokensParam));
    }
}
