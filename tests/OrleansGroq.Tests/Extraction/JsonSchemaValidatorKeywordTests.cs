using OrleansGroq.Grains.Extraction;

namespace OrleansGroq.Tests.Extraction;

public sealed class JsonSchemaValidatorKeywordTests
{
    [Fact]
    public void Enum_compares_json_values_including_numbers_by_value()
    {
        const string schema = """{"enum":["low","high",1,null,{"a":[1]}]}""";

        Assert.Empty(Validate(schema, "\"high\""));
        Assert.Empty(Validate(schema, "1.0"));
        Assert.Empty(Validate(schema, "null"));
        Assert.Empty(Validate(schema, """{"a":[1]}"""));
        Assert.Equal([new SchemaViolation("", """must be one of ["low","high",1,null,{"a":[1]}]""")], Validate(schema, "\"medium\""));
    }

    [Fact]
    public void Const_requires_the_exact_value()
    {
        Assert.Empty(Validate("""{"const":"INR"}""", "\"INR\""));
        Assert.Equal([new SchemaViolation("", "must equal \"INR\"")], Validate("""{"const":"INR"}""", "\"USD\""));
    }

    [Theory]
    [InlineData("""{"minimum":0}""", "0", null)]
    [InlineData("""{"minimum":0}""", "-0.5", "must be >= 0")]
    [InlineData("""{"maximum":10}""", "10", null)]
    [InlineData("""{"maximum":10}""", "10.01", "must be <= 10")]
    [InlineData("""{"exclusiveMinimum":0}""", "0", "must be > 0")]
    [InlineData("""{"exclusiveMinimum":0}""", "0.001", null)]
    [InlineData("""{"exclusiveMaximum":0.3}""", "0.3", "must be < 0.3")]
    [InlineData("""{"exclusiveMaximum":0.3}""", "0.29999999999999999", null)]
    [InlineData("""{"maximum":10}""", "1e400", "must be <= 10")]
    public void Numeric_bounds_are_checked_exactly(string schema, string instance, string? message)
    {
        Assert.Equal(message is null ? [] : [new SchemaViolation("", message)], Validate(schema, instance));
    }

    [Fact]
    public void Numeric_keywords_ignore_other_types()
    {
        Assert.Empty(Validate("""{"minimum":5,"minLength":9,"minItems":3,"required":["a"]}""", "true"));
        Assert.Empty(Validate("""{"minimum":5}""", "\"abc\""));
    }

    [Fact]
    public void String_length_counts_code_points()
    {
        const string schema = """{"type":"string","minLength":2,"maxLength":3}""";

        Assert.Empty(Validate(schema, "\"😀😀😀\""));
        Assert.Equal([new SchemaViolation("", "must be at least 2 characters long, not 1")], Validate(schema, "\"😀\""));
        Assert.Equal([new SchemaViolation("", "must be at most 3 characters long, not 4")], Validate(schema, "\"abcd\""));
    }

    [Fact]
    public void Pattern_must_match_somewhere_in_the_string()
    {
        const string schema = """{"type":"string","pattern":"^[6-9]\\d{9}$"}""";

        Assert.Empty(Validate(schema, "\"9876543210\""));
        Assert.Equal([new SchemaViolation("", "must match the pattern '^[6-9]\\d{9}$'")], Validate(schema, "\"12345\""));
        Assert.Empty(Validate("""{"pattern":"b"}""", "\"abc\""));
    }

    [Fact]
    public void A_catastrophic_pattern_times_out_as_a_violation()
    {
        var input = "\"" + new string('a', 40) + "!\"";

        var violations = Validate("""{"pattern":"^(a+)+$"}""", input);

        Assert.Equal([new SchemaViolation("", "could not be checked against the pattern '^(a+)+$' in time")], violations);
    }

    [Fact]
    public void An_invalid_pattern_is_a_violation_not_an_exception()
    {
        Assert.Single(Validate("""{"pattern":"(unclosed"}""", "\"x\""));
    }

    [Theory]
    [InlineData("email", "asha@example.in", true)]
    [InlineData("email", "not an email", false)]
    [InlineData("date", "2026-02-28", true)]
    [InlineData("date", "2026-02-30", false)]
    [InlineData("date-time", "2026-02-02T10:20:30.5+05:30", true)]
    [InlineData("date-time", "2026-02-02 10:20", false)]
    [InlineData("time", "23:59:59Z", true)]
    [InlineData("time", "24:00:00Z", false)]
    [InlineData("uri", "https://example.com/a?b=c", true)]
    [InlineData("uri", "/relative/path", false)]
    [InlineData("uuid", "3f2504e0-4f89-11d3-9a0c-0305e82c3301", true)]
    [InlineData("uuid", "3f2504e04f8911d39a0c0305e82c3301", false)]
    [InlineData("ipv4", "192.168.0.1", true)]
    [InlineData("ipv4", "256.1.1.1", false)]
    [InlineData("ipv6", "2001:db8::1", true)]
    [InlineData("ipv6", "192.168.0.1", false)]
    [InlineData("made-up-format", "anything", true)]
    public void Known_formats_are_checked_and_unknown_ones_pass(string format, string value, bool valid)
    {
        var violations = Validate($$"""{"type":"string","format":"{{format}}"}""", $"\"{value}\"");

        Assert.Equal(valid ? [] : [new SchemaViolation("", $"must be a valid {format}")], violations);
    }

    [Fact]
    public void AnyOf_needs_one_matching_branch()
    {
        const string schema = """{"anyOf":[{"type":"string"},{"type":"integer","minimum":0}]}""";

        Assert.Empty(Validate(schema, "\"x\""));
        Assert.Empty(Validate(schema, "3"));
        Assert.Equal([new SchemaViolation("", "must match at least one schema in anyOf")], Validate(schema, "-1"));
    }

    [Fact]
    public void OneOf_needs_exactly_one_matching_branch()
    {
        const string schema = """{"oneOf":[{"type":"number"},{"type":"integer"}]}""";

        Assert.Empty(Validate(schema, "1.5"));
        Assert.Equal([new SchemaViolation("", "must match exactly one schema in oneOf, but matches more than one")], Validate(schema, "2"));
        Assert.Equal([new SchemaViolation("", "must match exactly one schema in oneOf, but matches none")], Validate(schema, "\"x\""));
    }

    [Fact]
    public void AllOf_reports_the_violations_of_every_branch()
    {
        const string schema = """{"allOf":[{"type":"string"},{"minLength":3}]}""";

        Assert.Empty(Validate(schema, "\"abc\""));
        Assert.Equal([new SchemaViolation("", "must be at least 3 characters long, not 1")], Validate(schema, "\"a\""));
    }

    [Theory]
    [InlineData("$defs")]
    [InlineData("definitions")]
    public void Local_refs_resolve_into_definitions(string container)
    {
        var schema = """
            {"type":"object","properties":{"home":{"$ref":"#/DEFS/address"}},
             "DEFS":{"address":{"type":"object","properties":{"pin":{"type":"string","pattern":"^\\d{6}$"}},"required":["pin"]}}}
            """.Replace("DEFS", container, StringComparison.Ordinal);

        Assert.Empty(Validate(schema, """{"home":{"pin":"560001"}}"""));
        Assert.Equal([new SchemaViolation("/home/pin", "must match the pattern '^\\d{6}$'")], Validate(schema, """{"home":{"pin":"56"}}"""));
    }

    [Fact]
    public void A_recursive_schema_validates_a_tree()
    {
        const string schema = """{"$defs":{"node":{"type":"object","properties":{"v":{"type":"integer"},"kids":{"type":"array","items":{"$ref":"#/$defs/node"}}}}},"$ref":"#/$defs/node"}""";

        Assert.Empty(Validate(schema, """{"v":1,"kids":[{"v":2,"kids":[{"v":3}]}]}"""));
        Assert.Equal([new SchemaViolation("/kids/0/kids/0/v", "must be of type integer, not string")], Validate(schema, """{"v":1,"kids":[{"v":2,"kids":[{"v":"3"}]}]}"""));
    }

    [Fact]
    public void A_ref_that_only_refers_to_itself_fails_instead_of_looping()
    {
        const string schema = """{"$defs":{"loop":{"anyOf":[{"$ref":"#/$defs/loop"},{"$ref":"#/$defs/loop"}]}},"$ref":"#/$defs/loop"}""";

        Assert.NotEmpty(Validate(schema, "1"));
    }

    [Fact]
    public void An_unresolvable_or_remote_ref_is_a_violation()
    {
        Assert.Equal([new SchemaViolation("", "the schema's $ref '#/$defs/missing' does not resolve to a local definition")], Validate("""{"$ref":"#/$defs/missing"}""", "1"));
        Assert.Single(Validate("""{"$ref":"https://example.com/schema.json"}""", "1"));
    }

    private static IReadOnlyList<SchemaViolation> Validate(string schema, string instance) => JsonSchemaValidatorTests.Validate(schema, instance);
}
