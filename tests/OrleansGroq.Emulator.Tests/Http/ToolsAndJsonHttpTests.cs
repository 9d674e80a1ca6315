using System.Net;
using System.Text.Json;
using OrleansGroq.Emulator.Tests.Support;

namespace OrleansGroq.Emulator.Tests.Http;

public sealed class ToolsAndJsonHttpTests : IAsyncLifetime
{
    private const string WeatherTools = """
        "tools":[
          {"type":"function","function":{"name":"end_conversation","parameters":{"type":"object","properties":{}}}},
          {"type":"function","function":{"name":"get_weather","description":"Weather","parameters":{"type":"object",
            "properties":{"location":{"type":"string"},"unit":{"type":"string","enum":["celsius","fahrenheit"]},"days":{"type":"integer"}},
            "required":["location"]}}}]
        """;

    private EmulatorScope _emulator = null!;

    public async Task InitializeAsync() => _emulator = await EmulatorScope.StartAsync();

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task Named_tool_choice_calls_that_tool_with_arguments_from_its_schema()
    {
        var (response, body) = await _emulator.PostChatJsonAsync(EmulatorScope.Chat(extra: WeatherTools + ""","tool_choice":{"type":"function","function":{"name":"get_weather"}}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var choice = body.GetProperty("choices")[0];
        Assert.Equal("tool_calls", choice.GetProperty("finish_reason").GetString());
        var message = choice.GetProperty("message");
        Assert.False(message.TryGetProperty("content", out _));
        var call = Assert.Single(message.GetProperty("tool_calls").EnumerateArray());
        Assert.Matches("^[a-z0-9]{9}$", call.GetProperty("id").GetString());
        Assert.Equal("function", call.GetProperty("type").GetString());
        Assert.Equal("get_weather", call.GetProperty("function").GetProperty("name").GetString());
        var arguments = JsonDocument.Parse(call.GetProperty("function").GetProperty("arguments").GetString()!).RootElement;
        Assert.Equal(JsonValueKind.String, arguments.GetProperty("location").ValueKind);
        Assert.Equal("celsius", arguments.GetProperty("unit").GetString());
        Assert.Equal(1, arguments.GetProperty("days").GetInt32());
    }

    [Fact]
    public async Task Auto_calls_the_first_tool()
    {
        var (_, body) = await _emulator.PostChatJsonAsync(EmulatorScope.Chat(extra: WeatherTools));

        var call = body.GetProperty("choices")[0].GetProperty("message").GetProperty("tool_calls")[0];
        Assert.Equal("end_conversation", call.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("{}", call.GetProperty("function").GetProperty("arguments").GetString());
    }

    [Fact]
    public async Task A_streamed_tool_call_is_one_chunk_with_index_zero()
    {
        var response = await _emulator.PostChatAsync(EmulatorScope.Chat(extra: WeatherTools + ",\"tool_choice\":\"required\",\"stream\":true"));
        var chunks = ServerSentEvents.Chunks(await response.Content.ReadAsStringAsync());

        Assert.Equal(3, chunks.Count);
        var call = Assert.Single(chunks[1].GetProperty("choices")[0].GetProperty("delta").GetProperty("tool_calls").EnumerateArray());
        Assert.Equal(0, call.GetProperty("index").GetInt32());
        Assert.Equal("end_conversation", call.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("tool_calls", chunks[2].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task Json_schema_output_conforms_to_the_schema()
    {
        const string Format = """
            "response_format":{"type":"json_schema","json_schema":{"name":"person","strict":true,"schema":{"type":"object",
              "properties":{"name":{"type":"string"},"age":{"type":"integer"},"tags":{"type":"array","items":{"type":"string"}},"admin":{"type":"boolean"}},
              "required":["name","age","tags","admin"],"additionalProperties":false}}}
            """;
        var (response, body) = await _emulator.PostChatJsonAsync(EmulatorScope.Chat(model: "openai/gpt-oss-20b", extra: Format));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var content = JsonDocument.Parse(body.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!).RootElement;
        Assert.Equal(["name", "age", "tags", "admin"], content.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.String, content.GetProperty("name").ValueKind);
        Assert.Equal(JsonValueKind.Number, content.GetProperty("age").ValueKind);
        Assert.Equal(JsonValueKind.String, content.GetProperty("tags")[0].ValueKind);
        Assert.True(content.GetProperty("admin").GetBoolean());

        var (refused, error) = await _emulator.PostChatJsonAsync(EmulatorScope.Chat(extra: Format));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("response_format", error.GetProperty("error").GetProperty("param").GetString());
    }

    [Fact]
    public async Task Json_cut_short_by_max_tokens_is_json_validate_failed()
    {
        var (response, body) = await _emulator.PostChatJsonAsync(EmulatorScope.Chat(extra: "\"response_format\":{\"type\":\"json_object\"},\"max_tokens\":2"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("json_validate_failed", body.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("{\"respon", body.GetProperty("error").GetProperty("failed_generation").GetString());
    }
}
