using System.Text;
using OrleansGroq.Grains.Chat;

namespace OrleansGroq.Tests.Chat;

public sealed class ConversationMessageReaderTests
{
    private static (bool Ok, ConversationMessage Message, ChatRequestError Error) Read(string json)
    {
        var ok = ConversationMessageReader.TryRead(Encoding.UTF8.GetBytes(json), out var message, out var error);
        return (ok, message, error);
    }

    [Theory]
    [InlineData("""{"content":"hi"}""", "user", false, null)]
    [InlineData("""{"role":"user","content":[{"type":"text","text":"hi"}],"stream":true,"max_tokens":5}""", "user", true, 5)]
    [InlineData("""{"role":"tool","tool_call_id":"c1","content":"42","max_completion_tokens":9,"max_tokens":3}""", "tool", false, 9)]
    [InlineData("""{"content":"hi","model":{"ignored":true},"messages":7,"temperature":1,"tools":[{"type":"browser_search"}],"x_future":1}""", "user", false, null)]
    public void Reads_the_message_and_how_the_reply_is_wanted(string json, string role, bool stream, int? maxTokens)
    {
        var (ok, message, _) = Read(json);

        Assert.True(ok);
        Assert.Equal(new ConversationMessage(role, stream, maxTokens), message);
    }

    [Theory]
    [InlineData("""{"content":"hi","max_tokens":"5"}""", "invalid_type", "max_tokens")]
    [InlineData("""{"content":"hi","max_tokens":true}""", "invalid_type", "max_tokens")]
    [InlineData("""{"content":"hi","max_tokens":[]}""", "invalid_type", "max_tokens")]
    [InlineData("""{"content":"hi","max_tokens":{}}""", "invalid_type", "max_tokens")]
    [InlineData("""{"content":"hi","max_tokens":0}""", "integer_below_min_value", "max_tokens")]
    [InlineData("""{"content":[1,2]}""", "invalid_type", "content[0]")]
    [InlineData("""{"content":[{}]}""", "missing_required_parameter", "content[0].type")]
    [InlineData("""{"content":[]}""", "empty_array", "content")]
    [InlineData("""{"content":""}""", "missing_required_parameter", "content")]
    [InlineData("""{"content":null}""", "missing_required_parameter", "content")]
    [InlineData("""{"role":"user"}""", "missing_required_parameter", "content")]
    [InlineData("""{"content":5}""", "invalid_type", "content")]
    [InlineData("""{"role":"assistant","content":"hi"}""", "invalid_value", "role")]
    [InlineData("""{"role":5,"content":"hi"}""", "invalid_value", "role")]
    [InlineData("""{"role":"tool","content":"42"}""", "missing_required_parameter", "tool_call_id")]
    [InlineData("""{"content":"hi","stream":"yes"}""", "invalid_type", "stream")]
    [InlineData("""{"content":"hi","temperature":9}""", "decimal_above_max_value", "temperature")]
    [InlineData("""{"content":"hi","tools":"x"}""", "invalid_type", "tools")]
    [InlineData("""{"content":"hi","n":2}""", "integer_above_max_value", "n")]
    [InlineData("""{"content":"hi","name":"bob"}""", "unsupported_parameter", "name")]
    [InlineData("""{"content":"hi","function_call":5}""", "invalid_type", "function_call")]
    [InlineData("""[1]""", "invalid_json", null)]
    [InlineData("""{"content":"hi" """, "invalid_json", null)]
    public void Refuses_bad_turns_naming_the_field(string json, string code, string? param)
    {
        var (ok, _, error) = Read(json);

        Assert.False(ok);
        Assert.Equal((code, param), (error.Code, error.Param));
    }

    [Fact]
    public void Invalid_utf8_in_the_content_is_a_400_naming_it()
    {
        byte[] body = [.. "{\"content\":\""u8, 0xFF, .. "\"}"u8];

        Assert.False(ConversationMessageReader.TryRead(body, out _, out var error));
        Assert.Equal(("invalid_encoding", "content"), (error.Code, error.Param));
    }
}
