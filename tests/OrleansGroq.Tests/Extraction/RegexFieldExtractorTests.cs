using System.Text.RegularExpressions;
using OrleansGroq.Grains.Extraction;

namespace OrleansGroq.Tests.Extraction;

public sealed class RegexFieldExtractorTests
{
    private const string Message =
        "Pay now to scammer@ybl or backup.pay@okaxis. Call 9876543210 or 9123456780, again 9876543210. " +
        "Mail help@fake-bank.in, visit https://fake-bank.in/verify. A/c 123456789012 IFSC SBIN0001234.";

    private static readonly Dictionary<string, Regex> Patterns = new()
    {
        ["upi_ids"] = new Regex(@"[\w.-]+@(ybl|okaxis|paytm)\b", RegexOptions.None, TimeSpan.FromSeconds(1)),
        ["phone_numbers"] = new Regex(@"\b[6-9]\d{9}\b", RegexOptions.None, TimeSpan.FromSeconds(1)),
        ["bank_accounts"] = new Regex(@"\b\d{11,18}\b", RegexOptions.None, TimeSpan.FromSeconds(1)),
        ["ifsc_codes"] = new Regex(@"\b[A-Z]{4}0[A-Z0-9]{6}\b", RegexOptions.None, TimeSpan.FromSeconds(1)),
        ["emails"] = new Regex(@"[\w.+-]+@[\w-]+\.[\w.-]+\w", RegexOptions.None, TimeSpan.FromSeconds(1)),
        ["urls"] = new Regex(@"https?://\S+\w", RegexOptions.None, TimeSpan.FromSeconds(1)),
    };

    [Theory]
    [InlineData("upi_id")]
    [InlineData("upiIds")]
    [InlineData("upi")]
    [InlineData("UPI-IDs")]
    [InlineData("vpa")]
    public void Upi_spellings_take_the_upi_pattern(string property)
    {
        Assert.Equal($$$"""{"{{{property}}}":["scammer@ybl","backup.pay@okaxis"]}""", Extract(Named(property, """{"type":"array","items":{"type":"string"}}""")));
    }

    [Theory]
    [InlineData("phone")]
    [InlineData("phone_number")]
    [InlineData("phones")]
    [InlineData("mobile")]
    [InlineData("mobileNumbers")]
    public void Phone_spellings_take_the_phone_pattern(string property)
    {
        Assert.Equal($$$"""{"{{{property}}}":"9876543210"}""", Extract(Named(property, """{"type":"string"}""")));
    }

    [Theory]
    [InlineData("email", "\"help@fake-bank.in\"")]
    [InlineData("emails", "\"help@fake-bank.in\"")]
    [InlineData("email_address", "\"help@fake-bank.in\"")]
    [InlineData("url", "\"https://fake-bank.in/verify\"")]
    [InlineData("links", "\"https://fake-bank.in/verify\"")]
    [InlineData("website", "\"https://fake-bank.in/verify\"")]
    [InlineData("ifsc", "\"SBIN0001234\"")]
    [InlineData("ifsc_code", "\"SBIN0001234\"")]
    [InlineData("bank_account", "\"123456789012\"")]
    [InlineData("account_number", "\"123456789012\"")]
    public void Other_known_fields_take_their_patterns(string property, string value)
    {
        Assert.Equal($$$"""{"{{{property}}}":{{{value}}}}""", Extract(Named(property, """{"type":"string"}""")));
    }

    [Fact]
    public void Array_fields_get_every_distinct_match_in_order()
    {
        Assert.Equal("""{"phones":["9876543210","9123456780"]}""", Extract("""{"phones":{"type":["array","null"],"items":{"type":"string"}}}"""));
    }

    [Fact]
    public void String_fields_get_the_first_match_that_validates()
    {
        Assert.Equal("""{"phone":"9123456780"}""", Extract("""{"phone":{"type":"string","pattern":"^91"}}"""));
    }

    [Fact]
    public void Array_items_that_fail_the_item_schema_are_dropped_and_maxItems_is_honoured()
    {
        var schema = """{"upi_ids":{"type":"array","items":{"type":"string","pattern":"@okaxis$"}},"phones":{"type":"array","maxItems":1}}""";

        Assert.Equal("""{"upi_ids":["backup.pay@okaxis"],"phones":["9876543210"]}""", Extract(schema));
    }

    [Fact]
    public void A_field_whose_matches_cannot_satisfy_the_schema_is_left_out()
    {
        Assert.Equal("{}", Extract("""{"phones":{"type":"array","minItems":3},"email":{"type":"string","format":"uuid"}}"""));
    }

    [Fact]
    public void Fields_of_other_types_unknown_names_and_empty_finds_are_left_out()
    {
        var schema = """{"phone":{"type":"integer"},"amount":{"type":"number"},"crypto_wallets":{"type":"array"},"notes":{"type":"string"}}""";

        Assert.Equal("{}", Extract(schema));
        Assert.Equal("{}", RegexFieldExtract(Wrap("""{"emails":{"type":"array"}}"""), "no contact details here"));
    }

    [Fact]
    public void Properties_defined_by_ref_are_filled()
    {
        const string schema = """{"type":"object","properties":{"ifsc_codes":{"$ref":"#/$defs/codes"}},"$defs":{"codes":{"type":"array","items":{"type":"string"}}}}""";

        Assert.Equal("""{"ifsc_codes":["SBIN0001234"]}""", RegexFieldExtract(schema, Message));
    }

    [Fact]
    public void A_pattern_named_exactly_like_the_property_wins_over_a_synonym()
    {
        var patterns = new Dictionary<string, Regex> { ["phone_numbers"] = new(@"\d{10}"), ["phones"] = new("x{0}9123") };

        var result = RegexFieldExtractor.Extract(JsonText.Parse(Wrap("""{"phones":{"type":"string"}}""")), Message, patterns);

        Assert.Equal("""{"phones":"9123"}""", JsonText.Compact(result));
    }

    [Fact]
    public void A_pattern_that_times_out_leaves_its_field_empty()
    {
        var patterns = new Dictionary<string, Regex> { ["emails"] = new(@"^(a+)+$", RegexOptions.None, TimeSpan.FromMilliseconds(10)) };

        var result = RegexFieldExtractor.Extract(JsonText.Parse(Wrap("""{"email":{"type":"string"}}""")), new string('a', 40) + "!", patterns);

        Assert.Equal("{}", JsonText.Compact(result));
    }

    [Fact]
    public void The_result_measures_as_partial_coverage()
    {
        var schema = JsonText.Parse(Wrap("""{"upi_ids":{"type":"array"},"phones":{"type":"array"},"names":{"type":"array"},"amount":{"type":"number"}}"""));

        var result = SchemaCoverage.Measure(schema, RegexFieldExtractor.Extract(schema, Message, Patterns));

        Assert.Equal((2, 4, ExtractionConfidence.Trusted), (result.Found, result.Total, result.Confidence));
    }

    private static string Named(string property, string schema) => $"{{\"{property}\":{schema}}}";

    private static string Wrap(string properties) => $$"""{"type":"object","properties":{{properties}}}""";

    private static string Extract(string properties) => RegexFieldExtract(Wrap(properties), Message);

    private static string RegexFieldExtract(string schema, string text) =>
        JsonText.Compact(RegexFieldExtractor.Extract(JsonText.Parse(schema), text, Patterns));
}
