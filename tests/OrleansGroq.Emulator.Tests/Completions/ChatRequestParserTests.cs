using System.Text;
using OrleansGroq.Emulator.Completions;
using OrleansGroq.Emulator.Configuration;
using OrleansGroq.Emulator.Models;

namespace OrleansGroq.Emulator.Tests.Completions;

public sealed class ChatRequestParserTests
{
    private static readonly ModelCatalog Catalog = new(DefaultCatalog.Get());

    private static ChatParseResult Parse(string json) => ChatRequestParser.Parse(Encoding.UTF8.GetBytes(json), Catalog);

    private static string Message(string json)
    {
        var result = Parse(json);
        Assert.Null(result.Request);
        Assert.NotNull(result.Error);
        Assert.Equal(400, result.Error.Status);
        Assert.Equal("invalid_request_error", result.Error.Type);
        return result.Error.Message;
    }

    [Fact]
    public void Reads_what_the_emulator_needs()
    {
        var result = Parse("""
            {"model":"openai/gpt-oss-20b","stream":true,"stream_options":{"include_usage":true},"max_tokens":50,"max_completion_tokens":40,
             "seed":7,"temperature":0.2,"service_tier":"auto","reasoning_effort":"low",
             "messages":[{"role":"system","content":"Be brief."},{"role":"user","content":[{"type":"text","text":"Hi there!"}]}]}
            """);

        var request = Assert.IsType<ChatRequest>(result.Request);
        Assert.Equal("openai/gpt-oss-20b", request.Model.Id);
        Assert.True(request.Stream);
        Assert.True(request.IncludeUsage);
        Assert.Equal(40, request.MaxTokens);
        Assert.Equal(7, request.Seed);
        Assert.Equal("on_demand", request.ServiceTier);
        Assert.Equal("low", request.ReasoningEffort);
        Assert.Equal("user", request.LastRole);
        Assert.Equal(2, request.Prefixes.Length);
    }

    [Fact]
    public void Counts_tokens_at_four_bytes_plus_four_per_message_plus_three()
    {
        var request = Parse("""{"model":"llama-3.1-8b-instant","messages":[{"role":"system","content":"12345678"},{"role":"user","content":"123456789"}]}""").Request!;

        // 3 priming + (4 + 2) + (4 + 3)
        Assert.Equal(16, request.PromptTokens);
        Assert.Equal([6, 13], request.Prefixes.Select(p => p.Tokens));
    }

    [Fact]
    public void Equal_messages_hash_equally_and_prefixes_chain()
    {
        var one = Parse("""{"model":"llama-3.1-8b-instant","messages":[{"role":"user","content":"a"}]}""").Request!;
        var two = Parse("""{"model":"llama-3.1-8b-instant","max_tokens":5,"messages":[{"role":"user","content":"a"},{"role":"user","content":"b"}]}""").Request!;

        Assert.Equal(one.Prefixes[0].Hash, two.Prefixes[0].Hash);
        Assert.NotEqual(two.Prefixes[0].Hash, two.Prefixes[1].Hash);
        Assert.NotEqual(one.ContentHash, two.ContentHash);
    }

    [Fact]
    public void Unknown_message_property_is_named_as_groq_names_it() =>
        Assert.Equal(
            "'messages.0' : for 'role:user' the following must be satisfied[('messages.0' : property 'timestamp' is unsupported)]",
            Message("""{"model":"llama-3.1-8b-instant","messages":[{"role":"user","content":"hi","timestamp":1}]}"""));

    [Fact]
    public void Message_name_is_rejected() =>
        Assert.Equal(
            "'messages.1' : for 'role:assistant' the following must be satisfied[('messages.1' : property 'name' is unsupported)]",
            Message("""{"model":"llama-3.1-8b-instant","messages":[{"role":"user","content":"hi"},{"name":"bot","role":"assistant","content":"yo"}]}"""));

    [Fact]
    public void Unknown_top_level_property_is_rejected() =>
        Assert.Equal("property 'foo' is unsupported", Message("""{"model":"llama-3.1-8b-instant","foo":1,"messages":[{"role":"user","content":"hi"}]}"""));

    [Theory]
    [InlineData("\"logprobs\":true", "`logprobs` is not supported")]
    [InlineData("\"top_logprobs\":2", "`top_logprobs` is not supported")]
    [InlineData("\"logit_bias\":{\"1\":2}", "`logit_bias` is not supported")]
    [InlineData("\"n\":2", "'n' : number must be at most 1")]
    [InlineData("\"max_tokens\":0", "'max_tokens' : number must be at least 1")]
    [InlineData("\"reasoning_format\":\"fancy\"", "'reasoning_format' : value is not one of the allowed values ['hidden', 'raw', 'parsed']")]
    [InlineData("\"service_tier\":\"gold\"", "'service_tier' : value is not one of the allowed values ['auto', 'on_demand', 'flex', 'performance']")]
    [InlineData("\"tool_choice\":\"sometimes\"", "'tool_choice' : value is not one of the allowed values ['none', 'auto', 'required']")]
    [InlineData("\"response_format\":{\"type\":\"yaml\"}", "'response_format.type' : value is not one of the allowed values ['text', 'json_object', 'json_schema']")]
    public void Rejects_unsupported_values(string field, string expected) =>
        Assert.Equal(expected, Message($$"""{"model":"llama-3.1-8b-instant",{{field}},"messages":[{"role":"user","content":"hi"}]}"""));

    [Theory]
    [InlineData("\"top_p\":\"x\"", "'top_p' : value must be a number")]
    [InlineData("\"top_p\":1.5", "'top_p' : number must be at most 1")]
    [InlineData("\"temperature\":-1", "'temperature' : number must be at least 0")]
    [InlineData("\"frequency_penalty\":{}", "'frequency_penalty' : value must be a number")]
    [InlineData("\"stop\":5", "'stop' : value must be a string or an array")]
    [InlineData("\"stop\":[\"a\",2]", "'stop.1' : value must be a string")]
    [InlineData("\"stop\":[\"a\",\"b\",\"c\",\"d\",\"e\"]", "'stop' : maximum number of items is 4")]
    [InlineData("\"user\":5", "'user' : value must be a string")]
    [InlineData("\"parallel_tool_calls\":\"yes\"", "'parallel_tool_calls' : value must be a boolean")]
    [InlineData("\"metadata\":[]", "'metadata' : value must be an object")]
    [InlineData("\"seed\":{}", "'seed' : value must be an integer")]
    [InlineData("\"reasoning_effort\":5", "'reasoning_effort' : value must be a string")]
    [InlineData("\"reasoning_effort\":null,\"reasoning_format\":[\"raw\"]", "'reasoning_format' : value must be a string")]
    [InlineData("\"include_reasoning\":\"yes\"", "'include_reasoning' : value must be a boolean")]
    [InlineData("\"response_format\":{\"type\":5}", "'response_format.type' : value is not one of the allowed values ['text', 'json_object', 'json_schema']")]
    public void Rejects_values_of_the_wrong_type_or_range(string field, string expected) =>
        Assert.Equal(expected, Message($$"""{"model":"llama-3.1-8b-instant",{{field}},"messages":[{"role":"user","content":"hi"}]}"""));

    [Theory]
    [InlineData("""[{}]""", "'messages.0.content.0' : discriminator property 'type' is missing")]
    [InlineData("""[{"type":"text"}]""", "'messages.0.content.0' : property 'text' is missing")]
    [InlineData("""[{"type":"text","text":"a"},{"type":"image_url"}]""", "'messages.0.content.1' : property 'image_url' is missing")]
    [InlineData("""[{"type":"video"}]""", "'messages.0.content.0' : discriminator property 'type' has invalid value 'video'")]
    [InlineData("""[1]""", "'messages.0.content' : items must be objects")]
    public void Rejects_content_parts_groq_refuses(string content, string expected) =>
        Assert.Equal(expected, Message($$"""{"model":"llama-3.1-8b-instant","messages":[{"role":"user","content":{{content}}}]}"""));

    [Fact]
    public void Invalid_utf8_is_groqs_malformed_json_400_not_a_crash()
    {
        byte[] body = [.. "{\"model\":\"llama-3.1-8b-instant\",\"messages\":[{\"role\":\"user\",\"content\":\"hi "u8, 0xC3, 0x28, .. "\"}]}"u8];

        var result = ChatRequestParser.Parse(body, Catalog);

        Assert.Equal(400, result.Error?.Status);
        Assert.StartsWith("We could not parse the JSON body", result.Error?.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"model":"\ud800","messages":[{"role":"user","content":"hi"}]}""")]
    [InlineData("""{"model":"llama-3.1-8b-instant","\udc00":1,"messages":[{"role":"user","content":"hi"}]}""")]
    public void An_unpaired_surrogate_the_parser_decodes_is_a_400_not_a_crash(string json) =>
        Assert.StartsWith("We could not parse the JSON body", Message(json), StringComparison.Ordinal);

    [Fact]
    public void A_huge_unknown_property_name_is_cut_short_in_the_error()
    {
        var name = new string('p', 2 * 1024 * 1024);

        var message = Message($$"""{"model":"llama-3.1-8b-instant","{{name}}":1,"messages":[{"role":"user","content":"hi"}]}""");

        Assert.Equal($"property '{new string('p', 64)}...' is unsupported", message);
    }

    [Theory]
    [InlineData("\"logprobs\":false")]
    [InlineData("\"n\":1")]
    [InlineData("\"logit_bias\":null")]
    [InlineData("\"temperature\":0,\"top_p\":1,\"stop\":[\"x\"],\"user\":\"u\",\"parallel_tool_calls\":true,\"frequency_penalty\":0,\"presence_penalty\":0,\"metadata\":{},\"store\":false")]
    public void Accepts_harmless_fields(string field) =>
        Assert.NotNull(Parse($$"""{"model":"llama-3.1-8b-instant",{{field}},"messages":[{"role":"user","content":"hi"}]}""").Request);

    [Theory]
    [InlineData("""{"messages":[{"role":"user","content":"hi"}]}""", "property 'model' is missing")]
    [InlineData("""{"model":"llama-3.1-8b-instant"}""", "property 'messages' is missing")]
    [InlineData("""{"model":"llama-3.1-8b-instant","messages":[]}""", "'messages' : minimum number of items is 1")]
    [InlineData("""{"model":"llama-3.1-8b-instant","messages":[{"role":"robot","content":"hi"}]}""", "'messages.0' : discriminator property 'role' has invalid value 'robot'")]
    [InlineData("""{"model":"llama-3.1-8b-instant","messages":[{"content":"hi"}]}""", "'messages.0' : discriminator property 'role' is missing")]
    public void Rejects_missing_and_invalid_parts(string json, string expected) => Assert.Equal(expected, Message(json));

    [Theory]
    [InlineData("""{"model":"llama-3.1-8b-instant","messages":[""")]
    [InlineData("""not json""")]
    [InlineData("""{"model":"llama-3.1-8b-instant","messages":[{"role":"user","content":"hi"}]} trailing""")]
    public void Malformed_json_is_a_400(string json) =>
        Assert.StartsWith("We could not parse the JSON body", Message(json), StringComparison.Ordinal);

    [Fact]
    public void Unknown_model_is_a_404_naming_it()
    {
        var result = Parse("""{"model":"gpt-4","stream":true,"messages":[{"role":"user","content":"hi"}]}""");

        Assert.Equal(404, result.Error!.Status);
        Assert.Equal("model_not_found", result.Error.Code);
        Assert.Equal("The model `gpt-4` does not exist or you do not have access to it.", result.Error.Message);
        Assert.Equal("gpt-4", result.ModelName);
    }

    [Fact]
    public void A_refused_request_still_names_its_model() =>
        Assert.Equal("llama-3.1-8b-instant", Parse("""{"model":"llama-3.1-8b-instant","foo":1,"messages":[{"role":"user","content":"hi"}]}""").Model!.Id);

    [Fact]
    public void Reads_tools_tool_choice_and_schema()
    {
        var request = Parse("""
            {"model":"openai/gpt-oss-20b","messages":[{"role":"user","content":"hi"}],
             "tools":[{"type":"function","function":{"name":"a","parameters":{"type":"object"}}},{"type":"browser_search"},{"type":"function","function":{"name":"b"}}],
             "tool_choice":{"type":"function","function":{"name":"b"}},
             "response_format":{"type":"json_schema","json_schema":{"name":"x","strict":true,"schema":{"type":"object"}}}}
            """).Request!;

        Assert.Equal(["a", "b"], request.Tools.Select(t => t.Name));
        Assert.Equal("""{"type":"object"}""", Encoding.UTF8.GetString(request.Tools[0].Parameters!));
        Assert.Null(request.Tools[1].Parameters);
        Assert.Equal(new ToolChoice(ToolChoiceMode.Named, "b"), request.ToolChoice);
        Assert.Equal(ResponseFormatKind.JsonSchema, request.ResponseFormat.Kind);
        Assert.True(request.ResponseFormat.Strict);
    }
}
