using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using OrleansGroq.Emulator;
using OrleansGroq.IntegrationTests.Infrastructure;

namespace OrleansGroq.IntegrationTests.Gateway;

/// <summary>
/// Bad input is answered by the gateway itself, as a 4xx in OpenAI's shape naming the field, and never costs an
/// upstream call: the emulator counts every request it receives, and must count none.
/// </summary>
public sealed class InvalidInputTests(InvalidInputGateway gateway) : IClassFixture<InvalidInputGateway>
{
    private const string Message = """{"role":"user","content":"x"}""";

    private readonly TestUpstream _upstream = gateway.Upstream;

    private HttpClient Gateway => _upstream.Gateway.Http;

    private EmulatorControl Emulator => _upstream.Emulator.Control;

    [Theory]
    [InlineData("\"top_p\":\"0.5\"", "invalid_type", "top_p")]
    [InlineData("\"n\":2", "integer_above_max_value", "n")]
    [InlineData("\"stop\":5", "invalid_type", "stop")]
    [InlineData("\"tools\":\"x\"", "invalid_type", "tools")]
    [InlineData("\"seed\":{}", "invalid_type", "seed")]
    [InlineData("\"tool_choice\":5", "invalid_type", "tool_choice")]
    [InlineData("\"temperature\":5", "decimal_above_max_value", "temperature")]
    [InlineData("\"max_completion_tokens\":\"5\"", "invalid_type", "max_completion_tokens")]
    [InlineData("\"logit_bias\":{\"1\":2}", "unsupported_parameter", "logit_bias")]
    [InlineData("\"reasoning_effort\":5", "invalid_type", "reasoning_effort")]
    [InlineData("\"include_reasoning\":\"yes\"", "invalid_type", "include_reasoning")]
    [InlineData("\"messages\":[{\"role\":\"user\",\"content\":[{}]}]", "missing_required_parameter", "messages[0].content[0].type")]
    [InlineData("\"messages\":[{\"role\":\"user\",\"content\":[1,2]}]", "invalid_type", "messages[0].content[0]")]
    public async Task Invalid_values_of_documented_fields_are_refused_locally(string field, string code, string param)
    {
        var body = field.StartsWith("\"messages\"", StringComparison.Ordinal)
            ? $$"""{"model":"{{ChatBodies.Model}}",{{field}}}"""
            : $$"""{"model":"{{ChatBodies.Model}}","messages":[{{Message}}],{{field}}}""";

        using var response = await Gateway.SendAsync(ChatBodies.Post(body));

        await AssertRefusedAsync(response, 400, code, param);
    }

    public static TheoryData<byte[], string?> Undecodable => new()
    {
        { Bytes("{\"model\":\"", [0xFF], "\",\"messages\":[" + Message + "]}"), "model" },
        { Bytes("{\"model\":\"" + ChatBodies.Model + "\",\"user\":\"", [0xC3, 0x28], "\",\"messages\":[" + Message + "]}"), "user" },
        { Bytes("{\"model\":\"" + ChatBodies.Model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi ", [0xED, 0xA0, 0x80], "\"}]}"), "messages[0].content" },
        { Bytes("{\"model\":\"" + ChatBodies.Model + "\",\"service_tier\":\"\\ud800\",\"messages\":[" + Message + "]}", [], ""), "service_tier" },
    };

    [Theory]
    [MemberData(nameof(Undecodable))]
    public async Task Strings_that_do_not_decode_are_a_400_naming_the_field(byte[] body, string? param)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await Gateway.PostAsync("openai/v1/chat/completions", content);

        await AssertRefusedAsync(response, 400, "invalid_encoding", param);
    }

    [Fact]
    public async Task A_huge_model_name_is_not_echoed_back_whole()
    {
        using var response = await Gateway.SendAsync(ChatBodies.Post($$"""{"model":"{{new string('m', 10_000)}}","messages":[{{Message}}]}"""));

        var error = await AssertRefusedAsync(response, 404, "model_not_found", "model");
        Assert.True(error.GetProperty("message").GetString()!.Length < 200);
    }

    [Fact]
    public async Task An_oversized_max_tokens_names_max_tokens_not_the_messages()
    {
        using var response = await Gateway.SendAsync(ChatBodies.Post(ChatBodies.Simple(maxTokens: int.MaxValue)));

        await AssertRefusedAsync(response, 400, "context_length_exceeded", "max_tokens");
    }

    [Theory]
    [InlineData("""{"content":"hi","max_tokens":"5"}""", "invalid_type", "max_tokens")]
    [InlineData("""{"content":"hi","max_tokens":true}""", "invalid_type", "max_tokens")]
    [InlineData("""{"content":"hi","max_tokens":[]}""", "invalid_type", "max_tokens")]
    [InlineData("""{"content":"hi","max_tokens":{}}""", "invalid_type", "max_tokens")]
    [InlineData("""{"content":[1,2]}""", "invalid_type", "content[0]")]
    [InlineData("""{"content":"hi","top_p":"x"}""", "invalid_type", "top_p")]
    public async Task A_conversation_turn_with_bad_fields_is_refused_and_nothing_is_stored(string body, string code, string param)
    {
        var client = new ConversationClient(Gateway);
        var id = await client.CreateAsync();

        using var response = await client.SendAsync(HttpMethod.Post, $"v1/conversations/{id}/messages", body);

        await AssertRefusedAsync(response, 400, code, param);
        Assert.Equal(0, (await client.GetAsync(id)).GetProperty("message_count").GetInt32());
    }

    [Fact]
    public async Task A_conversation_with_an_undecodable_system_prompt_is_a_400()
    {
        using var content = new ByteArrayContent(Bytes("{\"system\":\"", [0xFF, 0xFE], "\"}"));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await Gateway.PostAsync("v1/conversations", content);

        await AssertRefusedAsync(response, 400, "invalid_encoding", "system");
    }

    [Theory]
    [InlineData("{\"text\":5,\"schema\":{\"type\":\"object\"}}", "invalid_type", "text")]
    [InlineData("{\"text\":\"x\",\"schema\":{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}}},\"instructions\":[]}", "invalid_type", "instructions")]
    [InlineData("{\"text\":\"\\udc00\",\"schema\":{\"type\":\"object\"}}", "invalid_encoding", "text")]
    public async Task An_extraction_with_bad_fields_is_refused_locally(string body, string code, string param)
    {
        using var response = await Gateway.SendAsync(ChatBodies.Post(body, path: "v1/extract"));

        await AssertRefusedAsync(response, 400, code, param);
    }

    private static byte[] Bytes(string before, byte[] middle, string after) => [.. Encoding.UTF8.GetBytes(before), .. middle, .. Encoding.UTF8.GetBytes(after)];

    private async Task<JsonElement> AssertRefusedAsync(HttpResponseMessage response, int status, string code, string? param)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var error = await response.ErrorAsync();
        Assert.Equal((code, param), (error.GetProperty("code").GetString(), error.GetProperty("param").GetString()));
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal(0, Emulator.GetStats().Totals.Requests);
        return error;
    }
}
