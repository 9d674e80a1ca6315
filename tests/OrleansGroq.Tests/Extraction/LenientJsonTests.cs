using System.Text.Json;
using OrleansGroq.Grains.Extraction;

namespace OrleansGroq.Tests.Extraction;

public sealed class LenientJsonTests
{
    [Theory]
    [InlineData("""{"name":"Asha","age":31}""")]
    [InlineData("  \n {\"name\":\"Asha\",\"age\":31}\n\t")]
    public void Strict_json_parses_as_is(string text)
    {
        Assert.Equal("""{"name":"Asha","age":31}""", Parse(text));
    }

    [Fact]
    public void A_json_fence_inside_prose_is_read()
    {
        const string text = "Sure! Here is the data:\n```json\n{\"name\": \"Asha\"}\n```\nLet me know if you need more.";

        Assert.Equal("""{"name":"Asha"}""", Parse(text));
    }

    [Fact]
    public void A_bare_fence_is_read()
    {
        Assert.Equal("""{"n":1}""", Parse("```\n{\"n\": 1}\n```"));
    }

    [Fact]
    public void A_fence_cut_off_before_its_end_is_still_read()
    {
        Assert.Equal("""{"n":1}""", Parse("```json\n{\"n\": 1}\n"));
    }

    [Fact]
    public void Trailing_commas_are_accepted()
    {
        Assert.Equal("""{"a":[1,2],"b":{"c":true}}""", Parse("{\"a\": [1, 2,], \"b\": {\"c\": true,},}"));
    }

    [Fact]
    public void Line_and_block_comments_are_skipped()
    {
        const string text = "{\n  // the person's name\n  \"name\": \"Asha\", /* years */ \"age\": 31\n}";

        Assert.Equal("""{"name":"Asha","age":31}""", Parse(text));
    }

    [Fact]
    public void The_first_object_in_prose_is_found()
    {
        Assert.Equal("""{"upi_ids":["a@ybl"]}""", Parse("I found these details: {\"upi_ids\": [\"a@ybl\"]} and nothing else."));
    }

    [Fact]
    public void Braces_inside_strings_do_not_end_the_block()
    {
        const string text = "Result: {\"note\": \"use } and { freely\", \"n\": 1} done";

        Assert.Equal("""{"note":"use } and { freely","n":1}""", Parse(text));
    }

    [Fact]
    public void Escaped_quotes_inside_strings_do_not_end_the_string()
    {
        const string text = "Result: {\"quote\": \"he said \\\"}\\\" loudly\", \"n\": 2} ok";

        Assert.Equal("""{"quote":"he said \u0022}\u0022 loudly","n":2}""", Parse(text));
    }

    [Fact]
    public void A_nested_object_is_returned_whole()
    {
        Assert.Equal("""{"a":{"b":{"c":1}},"d":2}""", Parse("Output -> {\"a\": {\"b\": {\"c\": 1}}, \"d\": 2} <- end"));
    }

    [Fact]
    public void A_block_that_fails_to_parse_is_passed_over_for_the_next()
    {
        Assert.Equal("""{"name":"x"}""", Parse("Fill in {name} like this: {\"name\": \"x\"}"));
    }

    [Fact]
    public void An_opening_brace_that_never_closes_is_skipped()
    {
        Assert.Equal("""{"b":1}""", Parse("Broken { start, then {\"b\": 1}"));
    }

    [Theory]
    [InlineData("I could not find any details in that message.")]
    [InlineData("{\"a\": 1, \"b\": ")]
    [InlineData("{not json at all}")]
    [InlineData("[1, 2, 3]")]
    [InlineData("42")]
    [InlineData("\"just a string\"")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Text_without_a_json_object_is_refused(string? text)
    {
        Assert.False(LenientJson.TryParse(text, out var value));
        Assert.Equal(JsonValueKind.Undefined, value.ValueKind);
    }

    [Fact]
    public void An_array_holding_an_object_yields_the_object_not_the_array()
    {
        Assert.Equal("""{"a":1}""", Parse("[{\"a\": 1}]"));
    }

    [Fact]
    public void A_lone_surrogate_does_not_throw()
    {
        Assert.False(LenientJson.TryParse("{\"a\": \"\uD800\"}", out _));
    }

    [Fact]
    public void Text_full_of_stray_braces_is_given_up_on_after_a_bounded_number_of_tries()
    {
        var text = new string('{', 200_000) + "{\"a\": 1}";

        Assert.False(LenientJson.TryParse(text, out _));
    }

    private static string Parse(string text)
    {
        Assert.True(LenientJson.TryParse(text, out var value));
        return JsonText.Compact(value);
    }
}
