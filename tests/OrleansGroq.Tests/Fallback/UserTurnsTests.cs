using System.Text;
using OrleansGroq.Grains.Fallback;

namespace OrleansGroq.Tests.Fallback;

public sealed class UserTurnsTests
{
    [Fact]
    public void User_messages_are_read_in_order_and_other_roles_are_left_out()
    {
        var turns = Read("""{"model":"m","messages":[{"role":"system","content":"be brief"},{"role":"user","content":"first"},{"role":"assistant","content":"answer"},{"role":"user","content":"second"}]}""");

        Assert.Equal(["first", "second"], turns);
    }

    [Fact]
    public void Text_parts_are_joined_and_image_parts_are_left_out()
    {
        var turns = Read("""{"messages":[{"role":"user","content":[{"type":"text","text":"look"},{"type":"image_url","image_url":{"url":"data:image/png;base64,AAA","detail":"low"}},{"type":"text","text":"at this"}]}]}""");

        Assert.Equal(["look\nat this"], turns);
    }

    [Fact]
    public void The_role_may_come_after_the_content()
    {
        var turns = Read("""{"messages":[{"content":"assistant text","role":"assistant"},{"content":[{"text":"user text","type":"text"}],"name":"bob","role":"user"}]}""");

        Assert.Equal(["user text"], turns);
    }

    [Fact]
    public void A_user_message_without_text_counts_as_empty_so_the_latest_stays_last()
    {
        var turns = Read("""{"messages":[{"role":"user","content":"hi"},{"role":"user","content":null},{"role":"user"},{"role":"user","content":[{"type":"image_url","image_url":{"url":"x"}}]}]}""");

        Assert.Equal(["hi", "", "", ""], turns);
    }

    [Fact]
    public void Odd_but_valid_messages_are_skipped_without_failing()
    {
        var turns = Read("""{"messages":[42,null,"text",[],{"role":"tool","tool_call_id":"c","content":"{\"x\":1}"},{"role":"assistant","content":null,"tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"{}"}}]},{"role":5,"content":"number role"},{"role":"user","content":{"text":"object content"}},{"role":"user","content":[1,"two",{"type":"text","text":7},{"type":"text","text":"kept"}]}],"tools":[{"messages":[{"role":"user","content":"nested"}]}]}""");

        Assert.Equal(["", "kept"], turns);
    }

    [Fact]
    public void Escapes_in_the_text_are_decoded() =>
        Assert.Equal(["say \"hi\"\n\u00e9 \ud83d\ude00"], Read("""{"messages":[{"role":"\u0075ser","content":"say \"hi\"\n\u00e9 \ud83d\ude00"}]}"""));

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("\"messages\"")]
    [InlineData("{\"messages\":null}")]
    [InlineData("{\"messages\":{\"role\":\"user\",\"content\":\"x\"}}")]
    public void Bodies_without_a_messages_array_have_no_turns(string json) =>
        Assert.Empty(Read(json));

    [Fact]
    public void A_broken_body_yields_the_messages_read_before_the_break()
    {
        var turns = Read("""{"messages":[{"role":"user","content":"kept"},{"role":"user","content":"lost""");

        Assert.Equal(["kept"], turns);
    }

    private static IReadOnlyList<string> Read(string json) => UserTurns.Read(Encoding.UTF8.GetBytes(json));
}
