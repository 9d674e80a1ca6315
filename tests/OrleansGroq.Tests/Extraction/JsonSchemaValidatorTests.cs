using OrleansGroq.Grains.Extraction;

namespace OrleansGroq.Tests.Extraction;

public sealed class JsonSchemaValidatorTests
{
    [Theory]
    [InlineData("object", """{}""")]
    [InlineData("array", """[]""")]
    [InlineData("string", "\"x\"")]
    [InlineData("number", "1.5")]
    [InlineData("number", "2")]
    [InlineData("integer", "2")]
    [InlineData("integer", "2.0")]
    [InlineData("integer", "1e3")]
    [InlineData("boolean", "false")]
    [InlineData("null", "null")]
    public void A_value_of_the_named_type_is_valid(string type, string instance)
    {
        Assert.Empty(Validate($$"""{"type":"{{type}}"}""", instance));
    }

    [Theory]
    [InlineData("integer", "2.5", "must be of type integer, not number")]
    [InlineData("string", "3", "must be of type string, not number")]
    [InlineData("object", "[]", "must be of type object, not array")]
    [InlineData("boolean", "\"true\"", "must be of type boolean, not string")]
    [InlineData("null", "0", "must be of type null, not number")]
    public void A_value_of_another_type_is_reported(string type, string instance, string message)
    {
        Assert.Equal([new SchemaViolation("", message)], Validate($$"""{"type":"{{type}}"}""", instance));
    }

    [Fact]
    public void A_type_list_accepts_any_of_its_types()
    {
        const string schema = """{"type":["string","null"]}""";

        Assert.Empty(Validate(schema, "null"));
        Assert.Empty(Validate(schema, "\"x\""));
        Assert.Equal([new SchemaViolation("", "must be of type string or null, not number")], Validate(schema, "1"));
    }

    [Fact]
    public void Violations_deep_in_the_instance_carry_a_json_pointer()
    {
        const string schema = """
            {"type":"object","properties":{"items":{"type":"array","items":{"type":"object",
              "properties":{"name":{"type":"string"},"qty":{"type":"integer","minimum":1}},"required":["name"]}}}}
            """;

        var violations = Validate(schema, """{"items":[{"name":"a","qty":1},{"qty":0}]}""");

        Assert.Equal(
            [new SchemaViolation("/items/1/name", "is required but missing"), new SchemaViolation("/items/1/qty", "must be >= 1")],
            violations);
    }

    [Fact]
    public void Pointer_segments_escape_tilde_and_slash()
    {
        const string schema = """{"type":"object","properties":{"a/b~c":{"type":"string"}}}""";

        Assert.Equal([new SchemaViolation("/a~1b~0c", "must be of type string, not number")], Validate(schema, """{"a/b~c":1}"""));
    }

    [Fact]
    public void All_missing_required_properties_are_reported()
    {
        const string schema = """{"type":"object","required":["name","age"],"properties":{"name":{},"age":{}}}""";

        Assert.Equal(
            [new SchemaViolation("/name", "is required but missing"), new SchemaViolation("/age", "is required but missing")],
            Validate(schema, "{}"));
    }

    [Fact]
    public void AdditionalProperties_false_rejects_undeclared_properties()
    {
        const string schema = """{"type":"object","properties":{"a":{}},"additionalProperties":false}""";

        Assert.Empty(Validate(schema, """{"a":1}"""));
        Assert.Equal([new SchemaViolation("/b", "is not allowed: the schema sets additionalProperties to false")], Validate(schema, """{"a":1,"b":2}"""));
    }

    [Fact]
    public void AdditionalProperties_as_a_schema_validates_undeclared_properties()
    {
        const string schema = """{"type":"object","properties":{"a":{}},"additionalProperties":{"type":"integer"}}""";

        Assert.Empty(Validate(schema, """{"a":"x","b":2}"""));
        Assert.Equal([new SchemaViolation("/c", "must be of type integer, not string")], Validate(schema, """{"a":"x","c":"y"}"""));
    }

    [Fact]
    public void Undeclared_properties_pass_when_additionalProperties_is_absent()
    {
        Assert.Empty(Validate("""{"type":"object","properties":{"a":{"type":"string"}}}""", """{"a":"x","b":[1]}"""));
    }

    [Fact]
    public void Items_and_item_counts_are_checked()
    {
        const string schema = """{"type":"array","items":{"type":"string"},"minItems":1,"maxItems":2}""";

        Assert.Empty(Validate(schema, """["a","b"]"""));
        Assert.Equal([new SchemaViolation("", "must have at least 1 items, not 0")], Validate(schema, "[]"));
        Assert.Equal([new SchemaViolation("", "must have at most 2 items, not 3")], Validate(schema, """["a","b","c"]"""));
        Assert.Equal([new SchemaViolation("/1", "must be of type string, not number")], Validate(schema, """["a",2]"""));
    }

    [Fact]
    public void A_false_schema_rejects_everything_and_a_true_schema_accepts_everything()
    {
        Assert.Equal([new SchemaViolation("", "no value is allowed here")], Validate("false", "1"));
        Assert.Empty(Validate("true", """{"any":"thing"}"""));
    }

    [Fact]
    public void IsValid_agrees_with_Validate()
    {
        var schema = JsonText.Parse("""{"type":"object","properties":{"a":{"type":"integer"}},"required":["a"]}""");

        Assert.True(JsonSchemaValidator.IsValid(schema, JsonText.Parse("""{"a":1}""")));
        Assert.False(JsonSchemaValidator.IsValid(schema, JsonText.Parse("""{"a":"1"}""")));
        Assert.False(JsonSchemaValidator.IsValid(schema, JsonText.Parse("{}")));
    }

    internal static IReadOnlyList<SchemaViolation> Validate(string schema, string instance) =>
        JsonSchemaValidator.Validate(JsonText.Parse(schema), JsonText.Parse(instance));
}
