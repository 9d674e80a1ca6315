using System.Text.Json;
using OrleansGroq.Grains.Extraction;

namespace OrleansGroq.Tests.Extraction;

public sealed class StrictSchemaTests
{
    [Fact]
    public void Optional_properties_become_nullable_and_everything_required()
    {
        var prepared = Prepare("""
            {"type":"object","properties":{"name":{"type":"string"},"age":{"type":"integer"},"tags":{"type":["array"],"items":{"type":"string"}},
             "risk":{"type":"string","enum":["low","high"]}},"required":["name"]}
            """);

        Assert.Equal(
            """{"type":"object","properties":{"name":{"type":"string"},"age":{"type":["integer","null"]},"tags":{"type":["array","null"],"items":{"type":"string"}},"risk":{"type":["string","null"],"enum":["low","high",null]}},"required":["name","age","tags","risk"],"additionalProperties":false}""",
            prepared);
    }

    [Fact]
    public void Nested_objects_in_properties_items_defs_and_anyOf_are_closed_too()
    {
        var prepared = JsonText.Parse(Prepare("""
            {"type":"object","properties":{
              "people":{"type":"array","items":{"type":"object","properties":{"n":{"type":"string"}}}},
              "home":{"$ref":"#/$defs/address"},
              "either":{"anyOf":[{"type":"object","properties":{"x":{"type":"number"}}},{"type":"null"}]}},
             "required":["people","home","either"],
             "$defs":{"address":{"type":"object","properties":{"pin":{"type":"string"}}}}}
            """));

        Assert.Equal("""["n"]""", prepared.GetProperty("properties").GetProperty("people").GetProperty("items").GetProperty("required").GetRawText());
        Assert.False(prepared.GetProperty("$defs").GetProperty("address").GetProperty("additionalProperties").GetBoolean());
        Assert.Equal("""["string","null"]""", prepared.GetProperty("$defs").GetProperty("address").GetProperty("properties").GetProperty("pin").GetProperty("type").GetRawText());
        Assert.False(prepared.GetProperty("properties").GetProperty("either").GetProperty("anyOf")[0].GetProperty("additionalProperties").GetBoolean());
    }

    [Fact]
    public void An_optional_property_without_a_type_gains_a_null_branch()
    {
        var prepared = Prepare("""{"type":"object","properties":{"home":{"$ref":"#/$defs/a"},"code":{"type":"string","const":"x"}},"$defs":{"a":{"type":"string"}}}""");

        Assert.Contains("""
            "home":{"anyOf":[{"$ref":"#/$defs/a"},{"type":"null"}]},"code":{"anyOf":[{"type":"string","const":"x"},{"type":"null"}]}
            """.Trim(), prepared, StringComparison.Ordinal);
    }

    [Fact]
    public void Already_nullable_and_required_properties_are_left_alone()
    {
        const string schema = """{"type":"object","properties":{"a":{"type":["string","null"]},"b":{"type":"null"}},"required":["a","b"],"additionalProperties":false}""";

        Assert.Equal(schema, Prepare(schema));
    }

    [Fact]
    public void The_prepared_schema_accepts_nulls_for_fields_that_were_optional()
    {
        const string original = """{"type":"object","properties":{"name":{"type":"string"},"email":{"type":"string","format":"email"}},"required":["name"]}""";

        var prepared = JsonText.Parse(Prepare(original));

        Assert.True(SchemaCheck.TryValidateSchema(prepared, out _));
        Assert.Empty(JsonSchemaValidator.Validate(prepared, JsonText.Parse("""{"name":"Asha","email":null}""")));
        Assert.NotEmpty(JsonSchemaValidator.Validate(prepared, JsonText.Parse("""{"name":"Asha"}""")));
        Assert.NotEmpty(JsonSchemaValidator.Validate(prepared, JsonText.Parse("""{"name":"Asha","email":null,"x":1}""")));
    }

    [Theory]
    [InlineData("""{"type":"object","properties":{"a":{}},"additionalProperties":true}""", "schema.additionalProperties allows extra properties, which strict mode cannot express")]
    [InlineData("""{"type":"object","properties":{"m":{"type":"object","additionalProperties":{"type":"string"}}}}""", "schema.properties.m.additionalProperties allows extra properties, which strict mode cannot express")]
    [InlineData("""{"type":"object","properties":{"free":{"type":"object"}}}""", "schema.properties.free is an object without properties, which strict mode cannot express")]
    [InlineData("""{"type":"array","items":{}}""", "schema must be an object schema")]
    [InlineData("""{"type":"object","properties":{"a":{}},"required":["a"],"properties":{"b":{}}}""", "schema repeats a property name in one object")]
    public void Schemas_strict_mode_cannot_express_are_refused(string schema, string error)
    {
        Assert.False(StrictSchema.TryPrepare(JsonText.Parse(schema), out var prepared, out var reason));
        Assert.Equal(error, reason);
        Assert.Equal(JsonValueKind.Undefined, prepared.ValueKind);
    }

    [Fact]
    public void A_closed_object_without_properties_is_accepted()
    {
        Assert.Equal(
            """{"type":"object","properties":{"empty":{"type":"object","additionalProperties":false}},"required":["empty"],"additionalProperties":false}""",
            Prepare("""{"type":"object","properties":{"empty":{"type":"object","additionalProperties":false}},"required":["empty"]}"""));
    }

    private static string Prepare(string schema)
    {
        Assert.True(StrictSchema.TryPrepare(JsonText.Parse(schema), out var prepared, out var error), error);
        return prepared.GetRawText();
    }
}
