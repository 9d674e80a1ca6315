using System.Text;
using OrleansGroq.Grains.Chat;

namespace OrleansGroq.Tests.Chat;

/// <summary>Groq's rules for every documented field: each refusal names the field by its path and carries a code.</summary>
public sealed class ChatRequestValidationTests
{
    private const string Messages = "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]";

    private static ChatRequestError? Refusal(string json)
    {
        var ok = ChatRequestReader.TryRead(Encoding.UTF8.GetBytes(json), out _, out var error);
        return ok ? null : error;
    }

    private static ChatRequestError? WithField(string field) => Refusal($$"""{"model":"m",{{Messages}},{{field}}}""");

    private static ChatRequestError? WithMessages(string messages) => Refusal($$"""{"model":"m","messages":{{messages}}}""");

    [Theory]
    [InlineData("\"temperature\":3", "decimal_above_max_value", "temperature")]
    [InlineData("\"temperature\":-0.1", "decimal_below_min_value", "temperature")]
    [InlineData("\"temperature\":\"0.5\"", "invalid_type", "temperature")]
    [InlineData("\"temperature\":1e999", "decimal_above_max_value", "temperature")]
    [InlineData("\"top_p\":\"0.5\"", "invalid_type", "top_p")]
    [InlineData("\"top_p\":1.5", "decimal_above_max_value", "top_p")]
    [InlineData("\"frequency_penalty\":-3", "decimal_below_min_value", "frequency_penalty")]
    [InlineData("\"presence_penalty\":true", "invalid_type", "presence_penalty")]
    [InlineData("\"n\":2", "integer_above_max_value", "n")]
    [InlineData("\"n\":0", "integer_below_min_value", "n")]
    [InlineData("\"n\":\"1\"", "invalid_type", "n")]
    [InlineData("\"stop\":5", "invalid_type", "stop")]
    [InlineData("\"stop\":[\"a\",\"b\",\"c\",\"d\",\"e\"]", "array_above_max_length", "stop")]
    [InlineData("\"stop\":[\"a\",1]", "invalid_type", "stop[1]")]
    [InlineData("\"seed\":{}", "invalid_type", "seed")]
    [InlineData("\"seed\":1.5", "invalid_type", "seed")]
    [InlineData("\"seed\":1e30", "integer_above_max_value", "seed")]
    [InlineData("\"max_tokens\":\"5\"", "invalid_type", "max_tokens")]
    [InlineData("\"max_tokens\":true", "invalid_type", "max_tokens")]
    [InlineData("\"max_tokens\":[]", "invalid_type", "max_tokens")]
    [InlineData("\"max_tokens\":0", "integer_below_min_value", "max_tokens")]
    [InlineData("\"max_completion_tokens\":3000000000", "integer_above_max_value", "max_completion_tokens")]
    [InlineData("\"max_completion_tokens\":{}", "invalid_type", "max_completion_tokens")]
    [InlineData("\"stream\":\"yes\"", "invalid_type", "stream")]
    [InlineData("\"stream_options\":5", "invalid_type", "stream_options")]
    [InlineData("\"stream_options\":{\"include_usage\":\"yes\"}", "invalid_type", "stream_options.include_usage")]
    [InlineData("\"user\":5", "invalid_type", "user")]
    [InlineData("\"service_tier\":\"gold\"", "invalid_value", "service_tier")]
    [InlineData("\"service_tier\":1", "invalid_type", "service_tier")]
    [InlineData("\"reasoning_effort\":5", "invalid_type", "reasoning_effort")]
    [InlineData("\"reasoning_effort\":\"extreme\"", "invalid_value", "reasoning_effort")]
    [InlineData("\"reasoning_format\":{}", "invalid_type", "reasoning_format")]
    [InlineData("\"include_reasoning\":\"yes\"", "invalid_type", "include_reasoning")]
    [InlineData("\"reasoning_format\":\"parsed\",\"include_reasoning\":true", "invalid_value", "include_reasoning")]
    [InlineData("\"logprobs\":true", "unsupported_parameter", "logprobs")]
    [InlineData("\"logprobs\":\"x\"", "invalid_type", "logprobs")]
    [InlineData("\"top_logprobs\":2", "unsupported_parameter", "top_logprobs")]
    [InlineData("\"top_logprobs\":50", "integer_above_max_value", "top_logprobs")]
    [InlineData("\"logit_bias\":{\"1\":2}", "unsupported_parameter", "logit_bias")]
    [InlineData("\"parallel_tool_calls\":\"yes\"", "invalid_type", "parallel_tool_calls")]
    [InlineData("\"metadata\":[]", "invalid_type", "metadata")]
    [InlineData("\"store\":1", "invalid_type", "store")]
    [InlineData("\"search_settings\":\"web\"", "invalid_type", "search_settings")]
    [InlineData("\"citation_options\":\"maybe\"", "invalid_value", "citation_options")]
    [InlineData("\"exclude_domains\":[1]", "invalid_type", "exclude_domains[0]")]
    [InlineData("\"temp\\u0065rature\":3", "decimal_above_max_value", "temperature")]
    public void Documented_fields_are_held_to_their_type_and_range(string field, string code, string param)
    {
        var error = WithField(field);

        Assert.NotNull(error);
        Assert.Equal((code, param), (error.Code, error.Param));
        Assert.Contains($"'{param}'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"tools\":\"x\"", "invalid_type", "tools")]
    [InlineData("\"tools\":[5]", "invalid_type", "tools[0]")]
    [InlineData("\"tools\":[{}]", "missing_required_parameter", "tools[0].type")]
    [InlineData("\"tools\":[{\"type\":5}]", "invalid_type", "tools[0].type")]
    [InlineData("\"tools\":[{\"type\":\"function\"}]", "missing_required_parameter", "tools[0].function")]
    [InlineData("\"tools\":[{\"type\":\"function\",\"function\":{}}]", "missing_required_parameter", "tools[0].function.name")]
    [InlineData("\"tools\":[{\"type\":\"function\",\"function\":\"f\"}]", "invalid_type", "tools[0].function")]
    [InlineData("\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"bad name\"}}]", "invalid_value", "tools[0].function.name")]
    [InlineData("\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":\"x\"}}]", "invalid_type", "tools[0].function.parameters")]
    [InlineData("\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"strict\":\"yes\"}}]", "invalid_type", "tools[0].function.strict")]
    [InlineData("\"tool_choice\":5", "invalid_type", "tool_choice")]
    [InlineData("\"tool_choice\":\"sometimes\"", "invalid_value", "tool_choice")]
    [InlineData("\"tool_choice\":{\"type\":\"function\"}", "missing_required_parameter", "tool_choice.function")]
    [InlineData("\"tool_choice\":{\"function\":{\"name\":\"f\"}}", "missing_required_parameter", "tool_choice.type")]
    [InlineData("\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":5}}", "invalid_type", "tool_choice.function.name")]
    [InlineData("\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"missing\"}},\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}]", "invalid_value", "tool_choice")]
    [InlineData("\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"f\"}}", "invalid_value", "tool_choice")]
    [InlineData("\"functions\":\"x\"", "invalid_type", "functions")]
    [InlineData("\"functions\":[{\"description\":\"d\"}]", "missing_required_parameter", "functions[0].name")]
    [InlineData("\"function_call\":5", "invalid_type", "function_call")]
    [InlineData("\"response_format\":\"json\"", "invalid_type", "response_format")]
    [InlineData("\"response_format\":{\"type\":\"yaml\"}", "invalid_value", "response_format.type")]
    [InlineData("\"response_format\":{\"type\":null}", "invalid_type", "response_format.type")]
    [InlineData("\"response_format\":{}", "missing_required_parameter", "response_format.type")]
    [InlineData("\"response_format\":{\"type\":\"json_schema\"}", "missing_required_parameter", "response_format.json_schema")]
    [InlineData("\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"schema\":5}}", "invalid_type", "response_format.json_schema.schema")]
    [InlineData("\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"a b\"}}", "invalid_value", "response_format.json_schema.name")]
    public void Tools_and_formats_are_held_to_their_shape(string field, string code, string param)
    {
        var error = WithField(field);

        Assert.NotNull(error);
        Assert.Equal((code, param), (error.Code, error.Param));
    }

    [Theory]
    [InlineData("\"hello\"", "invalid_type", "messages")]
    [InlineData("null", "invalid_type", "messages")]
    [InlineData("[]", "empty_array", "messages")]
    [InlineData("[\"hello\"]", "invalid_type", "messages[0]")]
    [InlineData("""[{"role":"wizard","content":"x"}]""", "invalid_value", "messages[0].role")]
    [InlineData("""[{"role":5,"content":"x"}]""", "invalid_type", "messages[0].role")]
    [InlineData("""[{"content":"x"}]""", "missing_required_parameter", "messages[0].role")]
    [InlineData("""[{"role":"user"}]""", "missing_required_parameter", "messages[0].content")]
    [InlineData("""[{"role":"user","content":null}]""", "missing_required_parameter", "messages[0].content")]
    [InlineData("""[{"role":"user","content":5}]""", "invalid_type", "messages[0].content")]
    [InlineData("""[{"role":"user","content":[1,2]}]""", "invalid_type", "messages[0].content[0]")]
    [InlineData("""[{"role":"user","content":[{}]}]""", "missing_required_parameter", "messages[0].content[0].type")]
    [InlineData("""[{"role":"user","content":[]}]""", "empty_array", "messages[0].content")]
    [InlineData("""[{"role":"user","content":[{"type":"text"}]}]""", "missing_required_parameter", "messages[0].content[0].text")]
    [InlineData("""[{"role":"user","content":[{"type":"text","text":5}]}]""", "invalid_type", "messages[0].content[0].text")]
    [InlineData("""[{"role":"user","content":[{"type":"audio"}]}]""", "invalid_value", "messages[0].content[0].type")]
    [InlineData("""[{"role":"user","content":[{"type":"image_url"}]}]""", "missing_required_parameter", "messages[0].content[0].image_url")]
    [InlineData("""[{"role":"user","content":[{"type":"image_url","image_url":"http://x"}]}]""", "invalid_type", "messages[0].content[0].image_url")]
    [InlineData("""[{"role":"user","content":[{"type":"image_url","image_url":{}}]}]""", "missing_required_parameter", "messages[0].content[0].image_url.url")]
    [InlineData("""[{"role":"user","content":[{"type":"image_url","image_url":{"url":5}}]}]""", "invalid_type", "messages[0].content[0].image_url.url")]
    [InlineData("""[{"role":"user","content":[{"type":"image_url","image_url":{"url":"u","detail":"ultra"}}]}]""", "invalid_value", "messages[0].content[0].image_url.detail")]
    [InlineData("""[{"role":"system","content":[{"type":"image_url","image_url":{"url":"u"}}]}]""", "invalid_value", "messages[0].content[0].type")]
    [InlineData("""[{"role":"user","content":"x","name":"bob"}]""", "unsupported_parameter", "messages[0].name")]
    [InlineData("""[{"role":"tool","content":"x"}]""", "missing_required_parameter", "messages[0].tool_call_id")]
    [InlineData("""[{"role":"tool","content":"x","tool_call_id":5}]""", "invalid_type", "messages[0].tool_call_id")]
    [InlineData("""[{"role":"user","content":"x","tool_calls":[]}]""", "invalid_value", "messages[0].tool_calls")]
    [InlineData("""[{"role":"assistant","tool_calls":"x"}]""", "invalid_type", "messages[0].tool_calls")]
    [InlineData("""[{"role":"assistant","tool_calls":[5]}]""", "invalid_type", "messages[0].tool_calls[0]")]
    [InlineData("""[{"role":"assistant","tool_calls":[{"type":"function","function":{"name":"f","arguments":"{}"}}]}]""", "missing_required_parameter", "messages[0].tool_calls[0].id")]
    [InlineData("""[{"role":"assistant","tool_calls":[{"id":"c","type":"function","function":{"name":"f"}}]}]""", "missing_required_parameter", "messages[0].tool_calls[0].function.arguments")]
    [InlineData("""[{"role":"assistant","tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":{}}}]}]""", "invalid_type", "messages[0].tool_calls[0].function.arguments")]
    [InlineData("""[{"role":"assistant","tool_calls":[{"id":"c","type":"web","function":{"name":"f","arguments":"{}"}}]}]""", "invalid_value", "messages[0].tool_calls[0].type")]
    [InlineData("""[{"role":"assistant"}]""", "missing_required_parameter", "messages[0].content")]
    [InlineData("""[{"role":"assistant","content":"x","reasoning":5}]""", "invalid_type", "messages[0].reasoning")]
    [InlineData("""[{"role":"user","content":"x"},{"role":"user","content":{}}]""", "invalid_type", "messages[1].content")]
    public void Messages_are_held_to_the_rules_of_their_role(string messages, string code, string param)
    {
        var error = WithMessages(messages);

        Assert.NotNull(error);
        Assert.Equal((code, param), (error.Code, error.Param));
    }

    [Theory]
    [InlineData("""{"messages":[{"role":"user","content":"x"}]}""", "missing_required_parameter")]
    [InlineData("""{"model":"","messages":[{"role":"user","content":"x"}]}""", "missing_required_parameter")]
    [InlineData("""{"model":null,"messages":[{"role":"user","content":"x"}]}""", "missing_required_parameter")]
    [InlineData("""{"model":42,"messages":[{"role":"user","content":"x"}]}""", "invalid_type")]
    [InlineData("""{"model":["m"],"messages":[{"role":"user","content":"x"}]}""", "invalid_type")]
    public void The_model_is_a_required_string(string json, string code) =>
        Assert.Equal((code, "model"), (Refusal(json)?.Code, Refusal(json)?.Param));

    [Theory]
    [InlineData("\"x_groq_next\":{\"anything\":[1,{}]}")]
    [InlineData("\"stop\":\"x\",\"seed\":16.0,\"n\":1,\"logprobs\":false,\"logit_bias\":null,\"top_logprobs\":null")]
    [InlineData("\"stop\":[],\"temperature\":0,\"top_p\":1,\"frequency_penalty\":-2,\"presence_penalty\":2")]
    [InlineData("\"tools\":[{\"type\":\"browser_search\"},{\"type\":\"code_interpreter\",\"container\":{}}]")]
    [InlineData("\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get-weather_2\",\"description\":\"d\",\"parameters\":{\"type\":\"object\"},\"strict\":true}}],\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"get-weather_2\"}},\"parallel_tool_calls\":false")]
    [InlineData("\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"r\",\"schema\":{\"type\":\"object\"},\"strict\":null}}")]
    [InlineData("\"service_tier\":\"performance\",\"reasoning_effort\":\"default\",\"reasoning_format\":null,\"include_reasoning\":false")]
    [InlineData("\"stream\":true,\"stream_options\":{\"include_usage\":true,\"future\":1},\"user\":null,\"metadata\":{\"a\":\"b\"}")]
    [InlineData("\"function_call\":{\"name\":\"f\"},\"functions\":[{\"name\":\"f\"}],\"citation_options\":\"enabled\",\"search_settings\":{}")]
    public void Valid_and_undocumented_fields_pass_through(string field) => Assert.Null(WithField(field));

    [Theory]
    [InlineData("""[{"role":"user","content":"x","timestamp":1}]""")]
    [InlineData("""[{"role":"developer","content":[{"type":"text","text":"be brief","cache":true}]}]""")]
    [InlineData("""[{"role":"user","content":[{"type":"text","text":"x"},{"type":"image_url","image_url":{"url":"data:x","detail":"low"}}]}]""")]
    [InlineData("""[{"role":"assistant","content":null,"tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"{}"}}]},{"role":"tool","tool_call_id":"c","content":"42"}]""")]
    [InlineData("""[{"role":"assistant","content":"","reasoning":"hmm","name":null}]""")]
    public void Valid_messages_pass(string messages) => Assert.Null(WithMessages(messages));

    [Fact]
    public void At_most_128_tools_are_taken()
    {
        string Tools(int count) => "\"tools\":[" + string.Join(",", Enumerable.Range(0, count).Select(i => "{\"type\":\"function\",\"function\":{\"name\":\"f" + i + "\"}}")) + "]";

        Assert.Null(WithField(Tools(128)));
        var error = WithField(Tools(129));
        Assert.Equal(("array_above_max_length", "tools"), (error?.Code, error?.Param));
    }

    [Fact]
    public void Echoed_values_are_cut_short()
    {
        var error = WithField($"\"service_tier\":\"{new string('x', 10_000)}\"");

        Assert.NotNull(error);
        Assert.True(error.Message.Length < 250, error.Message);
        Assert.Contains(new string('x', 64) + "...'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_number_is_cut_short_when_echoed()
    {
        var error = WithField($"\"temperature\":{new string('9', 5000)}");

        Assert.Equal("decimal_above_max_value", error?.Code);
        Assert.True(error!.Message.Length < 250, error.Message);
    }
}
