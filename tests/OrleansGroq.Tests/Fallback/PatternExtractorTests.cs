using OrleansGroq.Grains.Fallback;

namespace OrleansGroq.Tests.Fallback;

public sealed class PatternExtractorTests
{
    private static readonly PatternExtractor Defaults = new(FallbackTestOptions.Create());

    [Theory]
    [InlineData("Pay to ramesh.k@okaxis now", "ramesh.k@okaxis")]
    [InlineData("upi: 9876543210@ybl.", "9876543210@ybl")]
    [InlineData("send to shop-1@paytm, thanks", "shop-1@paytm")]
    [InlineData("upi://pay?pa=merchant@okhdfcbank&am=10", "merchant@okhdfcbank")]
    public void Upi_ids_are_found(string text, string expected) =>
        Assert.Equal([expected], Extract(text, "upi_ids"));

    [Theory]
    [InlineData("write to john.doe@gmail.com please")]
    [InlineData("write to john@mail.example.co.in")]
    [InlineData("no handle here @okaxis or here@")]
    public void Email_addresses_and_stray_at_signs_are_not_upi_ids(string text) =>
        Assert.Empty(Extract(text, "upi_ids"));

    [Theory]
    [InlineData("Mail john.doe+tag@gmail.com.", "john.doe+tag@gmail.com")]
    [InlineData("x <a_b@sub.example.org>", "a_b@sub.example.org")]
    public void Emails_are_found_without_trailing_punctuation(string text, string expected) =>
        Assert.Equal([expected], Extract(text, "emails"));

    [Fact]
    public void A_upi_id_is_not_an_email() =>
        Assert.Empty(Extract("pay ramesh@okaxis", "emails"));

    [Theory]
    [InlineData("call 9876543210 now", "9876543210")]
    [InlineData("call +919876543210", "+919876543210")]
    [InlineData("call +91 9876543210", "+91 9876543210")]
    [InlineData("call 91-6123456789.", "91-6123456789")]
    public void Indian_mobile_numbers_are_found_with_or_without_the_country_code(string text, string expected) =>
        Assert.Equal([expected], Extract(text, "phone_numbers"));

    [Theory]
    [InlineData("call 5876543210")]
    [InlineData("call 98765432")]
    [InlineData("account 98765432101234")]
    [InlineData("id a9876543210")]
    public void Numbers_that_are_not_mobile_numbers_are_not_phones(string text) =>
        Assert.Empty(Extract(text, "phone_numbers"));

    [Theory]
    [InlineData("a/c 123456789 at SBI", "123456789")]
    [InlineData("a/c 50100123456789", "50100123456789")]
    [InlineData("a/c 123456789012345678", "123456789012345678")]
    public void Bank_accounts_of_9_to_18_digits_are_found(string text, string expected) =>
        Assert.Equal([expected], Extract(text, "bank_accounts"));

    [Theory]
    [InlineData("pin 12345678")]
    [InlineData("too long 1234567890123456789")]
    [InlineData("call 9876543210")]
    [InlineData("call 919876543210")]
    [InlineData("call +91 9876543210")]
    public void Short_long_and_mobile_numbers_are_not_bank_accounts(string text) =>
        Assert.Empty(Extract(text, "bank_accounts"));

    [Fact]
    public void A_mobile_number_is_a_phone_and_not_a_bank_account()
    {
        var extracted = Defaults.Extract("my number is 9876543210 and a/c 5012345678");

        Assert.Equal(["9876543210"], extracted["phone_numbers"]);
        Assert.Equal(["5012345678"], extracted["bank_accounts"]);
    }

    [Theory]
    [InlineData("IFSC SBIN0001234", new[] { "SBIN0001234" })]
    [InlineData("ifsc HDFC0ABC123 and ICIC0001", new[] { "HDFC0ABC123" })]
    [InlineData("SBIN1001234 sbin0001234", new string[0])]
    public void Ifsc_codes_are_four_capitals_a_zero_and_six_more(string text, string[] expected) =>
        Assert.Equal(expected, Extract(text, "ifsc_codes"));

    [Theory]
    [InlineData("click https://evil.example/login?x=1.", "https://evil.example/login?x=1")]
    [InlineData("(see HTTP://example.com/a_b)", "HTTP://example.com/a_b")]
    [InlineData("\"http://x.io/p\",", "http://x.io/p")]
    public void Urls_are_found_without_trailing_punctuation(string text, string expected) =>
        Assert.Equal([expected], Extract(text, "urls"));

    [Fact]
    public void Urls_need_a_web_scheme() =>
        Assert.Empty(Extract("ftp://files.example and www.example.com", "urls"));

    [Fact]
    public void Values_are_distinct_and_in_order_of_appearance_across_texts()
    {
        var extracted = Defaults.Extract(["pay b@ybl or a@ybl", "again a@ybl, then c@ybl"]);

        Assert.Equal(["b@ybl", "a@ybl", "c@ybl"], extracted["upi_ids"]);
    }

    [Fact]
    public void Every_pattern_is_reported_even_without_matches()
    {
        var extracted = Defaults.Extract("nothing to see");

        Assert.Equal(["upi_ids", "phone_numbers", "bank_accounts", "ifsc_codes", "emails", "urls"], extracted.Keys);
        Assert.All(extracted.Values, Assert.Empty);
    }

    [Fact]
    public void Patterns_can_be_added_replaced_and_removed()
    {
        var extractor = new PatternExtractor(FallbackTestOptions.Create(o =>
        {
            o.Patterns["pan_numbers"] = @"\b[A-Z]{5}\d{4}[A-Z]\b";
            o.Patterns["urls"] = @"\bwww\.[\w.-]+";
            o.Patterns["emails"] = "";
        }));

        var extracted = extractor.Extract("PAN ABCDE1234F at www.example.com or a@b.com");

        Assert.Equal(["ABCDE1234F"], extracted["pan_numbers"]);
        Assert.Equal(["www.example.com"], extracted["urls"]);
        Assert.False(extracted.ContainsKey("emails"));
        Assert.False(extractor.Patterns.ContainsKey("emails"));
        Assert.Equal(6, extractor.Patterns.Count);
    }

    [Fact]
    public void A_pattern_that_times_out_on_one_text_keeps_the_others_matches_instead_of_failing()
    {
        var extractor = new PatternExtractor(FallbackTestOptions.Create(o =>
        {
            o.Patterns.Clear();
            o.Patterns["slow"] = @"^(\w+\s?)*$";
            o.MatchTimeout = TimeSpan.FromMilliseconds(10);
        }));

        var extracted = extractor.Extract(["quick one", new string('a', 5000) + " b c d e f g h i j k l m n o p!", "quick two"]);

        Assert.Equal(["quick one", "quick two"], extracted["slow"]);
    }

    [Fact]
    public void The_compiled_patterns_are_exposed_by_name_whatever_the_case()
    {
        Assert.Matches(Defaults.Patterns["UPI_IDS"], "a@okaxis");
        Assert.True(Defaults.Patterns["ifsc_codes"].MatchTimeout > TimeSpan.Zero);
    }

    private static IReadOnlyList<string> Extract(string text, string pattern) => Defaults.Extract(text)[pattern];
}
