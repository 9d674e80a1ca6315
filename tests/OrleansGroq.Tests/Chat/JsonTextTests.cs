using System.Text;
using OrleansGroq.Grains.Chat;

namespace OrleansGroq.Tests.Chat;

/// <summary>Strings that do not decode are refused up front, naming the field, instead of failing whoever decodes them later.</summary>
public sealed class JsonTextTests
{
    private static readonly byte[] InvalidUtf8 = [0xC3, 0x28];

    // A UTF-16 surrogate encoded as UTF-8 (CESU-8): three well-formed-looking bytes that are not UTF-8.
    private static readonly byte[] EncodedSurrogate = [0xED, 0xA0, 0x80];

    private static byte[] Body(string before, byte[] bad, string after) => [.. Encoding.UTF8.GetBytes(before), .. bad, .. Encoding.UTF8.GetBytes(after)];

    private static ChatRequestError? Read(byte[] body) => ChatRequestReader.TryRead(body, out _, out var error) ? null : error;

    public static TheoryData<string, string, string?> Places => new()
    {
        { "{\"model\":\"m", "\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", "model" },
        { "{\"model\":\"m\",\"user\":\"u", "\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", "user" },
        { "{\"model\":\"m\",\"service_tier\":\"", "\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", "service_tier" },
        { "{\"model\":\"m\",\"response_format\":{\"type\":\"j", "\"},\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", "response_format.type" },
        { "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"},{\"role\":\"user\",\"content\":\"hi ", "\"}]}", "messages[1].content" },
        { "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"", "\"}]}]}", "messages[0].content[0].text" },
        { "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":{\"x\":[\"", "\"]}}}]}", "tools[0].function.parameters.x[0]" },
        { "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\",\"", "\":1}]}", "messages[0]" },
        { "{\"model\":\"m\",\"", "\":1,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", null },
    };

    [Theory]
    [MemberData(nameof(Places))]
    public void Invalid_utf8_anywhere_is_a_400_naming_the_field(string before, string after, string? param)
    {
        foreach (var bad in new[] { InvalidUtf8, EncodedSurrogate })
        {
            var error = Read(Body(before, bad, after));

            Assert.NotNull(error);
            Assert.Equal(("invalid_encoding", param), (error.Code, error.Param));
        }
    }

    [Theory]
    [InlineData("\\ud800", "user")]
    [InlineData("a\\udc00b", "user")]
    [InlineData("\\ud83d\\u0041", "user")]
    [InlineData("\\uD800", "user")]
    [InlineData("x\\ud83d", "user")]
    public void An_unpaired_surrogate_escape_is_a_400(string escaped, string param)
    {
        var error = Read(Encoding.UTF8.GetBytes($$"""{"model":"m","user":"{{escaped}}","messages":[{"role":"user","content":"x"}]}"""));

        Assert.Equal(("invalid_encoding", param), (error?.Code, error?.Param));
    }

    [Theory]
    [InlineData("\\ud83d\\ude00")]
    [InlineData("\\\\ud800")]
    [InlineData("\\\\\\ud83d\\ude00")]
    [InlineData("\\u00e9\\n\\\"\\u0000")]
    [InlineData("é 日本 😀")]
    public void Well_formed_strings_and_escapes_pass(string text) =>
        Assert.Null(Read(Encoding.UTF8.GetBytes($$"""{"model":"m","user":"{{text}}","messages":[{"role":"user","content":"{{text}}"}]}""")));

    [Fact]
    public void A_body_that_is_not_json_and_not_utf8_is_refused_without_a_field()
    {
        var error = JsonText.Check([0x7B, 0xFF, 0xFE]);

        Assert.Equal(("invalid_encoding", null), (error?.Code, error?.Param));
    }

    [Fact]
    public void A_field_name_is_cut_short_in_the_path()
    {
        var longName = new string('k', 5000);
        var error = Read(Body("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"" + longName + "\":\"", InvalidUtf8, "\"}"));

        Assert.Equal("invalid_encoding", error?.Code);
        Assert.True(error!.Param!.Length <= EchoText.MaxLength + 3, error.Param);
    }
}
