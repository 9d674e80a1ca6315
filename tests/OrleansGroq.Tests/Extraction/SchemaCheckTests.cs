using OrleansGroq.Grains.Extraction;

namespace OrleansGroq.Tests.Extraction;

public sealed class SchemaCheckTests
{
    [Fact]
    public void A_typical_extraction_schema_is_usable()
    {
        const string schema = """
            {"type":"object","title":"Scam intel","properties":{
              "upi_ids":{"type":"array","items":{"type":"string","pattern":"^[\\w.-]+@\\w+$"},"maxItems":10},
              "amount":{"type":["number","null"],"minimum":0},
              "urgency":{"enum":["low","high"]},
              "contact":{"$ref":"#/$defs/contact"},
              "notes":{"anyOf":[{"type":"string","maxLength":200},{"type":"null"}]}},
             "required":["upi_ids"],"additionalProperties":false,
             "$defs":{"contact":{"type":"object","properties":{"email":{"type":"string","format":"email"}}}},
             "x-unknown-keyword":{"anything":1}}
            """;

        Assert.Equal("", Check(schema));
    }

    [Theory]
    [InlineData("[]", "schema must be a JSON object")]
    [InlineData("""{"properties":{"a":{}}}""", "schema.type must be \"object\": an extraction returns a JSON object")]
    [InlineData("""{"type":"array","items":{}}""", "schema.type must be \"object\": an extraction returns a JSON object")]
    [InlineData("""{"type":"object"}""", "schema.properties must be an object that declares at least one property")]
    [InlineData("""{"type":"object","properties":{}}""", "schema.properties must be an object that declares at least one property")]
    public void The_root_must_be_an_object_schema_with_properties(string schema, string error)
    {
        Assert.Equal(error, Check(schema));
    }

    [Theory]
    [InlineData("""{"age":{"type":5}}""", "schema.properties.age.type must be a string or an array of strings")]
    [InlineData("""{"age":{"type":["integer",1]}}""", "schema.properties.age.type must be a string or an array of strings")]
    [InlineData("""{"age":{"type":"int"}}""", "schema.properties.age.type names an unknown type 'int'")]
    [InlineData("""{"age":{"type":"integer","minimum":"0"}}""", "schema.properties.age.minimum must be a number")]
    [InlineData("""{"name":{"type":"string","maxLength":-1}}""", "schema.properties.name.maxLength must be a non-negative integer")]
    [InlineData("""{"name":{"type":"string","minLength":1.5}}""", "schema.properties.name.minLength must be a non-negative integer")]
    [InlineData("""{"name":{"type":"string","pattern":"(oops"}}""", "schema.properties.name.pattern is not a valid regular expression")]
    [InlineData("""{"name":{"type":"string","format":1}}""", "schema.properties.name.format must be a string")]
    [InlineData("""{"tags":{"type":"array","items":[{"type":"string"}]}}""", "schema.properties.tags.items must be a schema object or a boolean")]
    [InlineData("""{"tags":{"type":"array","items":{"type":"string","enum":"a"}}}""", "schema.properties.tags.items.enum must be an array")]
    [InlineData("""{"x":{"anyOf":[]}}""", "schema.properties.x.anyOf must be a non-empty array of schemas")]
    [InlineData("""{"x":{"oneOf":[{"type":"string"},{"type":"bogus"}]}}""", "schema.properties.x.oneOf[1].type names an unknown type 'bogus'")]
    [InlineData("""{"x":"string"}""", "schema.properties.x must be a schema object or a boolean")]
    public void Bad_keyword_values_are_named_by_path(string properties, string error)
    {
        Assert.Equal(error, Check($$"""{"type":"object","properties":{{properties}}}"""));
    }

    [Fact]
    public void Required_must_list_strings()
    {
        Assert.Equal("schema.required must be an array of strings", Check("""{"type":"object","properties":{"a":{}},"required":"a"}"""));
    }

    [Fact]
    public void AdditionalProperties_must_be_a_boolean_or_a_schema()
    {
        Assert.Equal(
            "schema.additionalProperties must be a schema object or a boolean",
            Check("""{"type":"object","properties":{"a":{}},"additionalProperties":"no"}"""));
    }

    [Theory]
    [InlineData("#/$defs/missing")]
    [InlineData("other.json#/definitions/a")]
    [InlineData("https://example.com/s.json")]
    public void Refs_must_resolve_locally(string reference)
    {
        var error = Check("""{"type":"object","properties":{"a":{"$ref":"REF"}},"$defs":{"b":{}}}""".Replace("REF", reference, StringComparison.Ordinal));

        Assert.Equal($"schema.properties.a.$ref '{reference}' does not resolve: only local references such as #/$defs/name are supported", error);
    }

    [Fact]
    public void Definitions_are_checked_even_when_unused()
    {
        Assert.Equal(
            "schema.$defs.b.type names an unknown type 'str'",
            Check("""{"type":"object","properties":{"a":{}},"$defs":{"b":{"type":"str"}}}"""));
    }

    private static string Check(string schema)
    {
        var usable = SchemaCheck.TryValidateSchema(JsonText.Parse(schema), out var error);
        Assert.Equal(usable, error.Length == 0);
        return error;
    }
}
