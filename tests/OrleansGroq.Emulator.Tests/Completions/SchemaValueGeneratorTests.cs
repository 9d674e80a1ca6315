using System.Text;
using System.Text.Json;
using OrleansGroq.Emulator.Completions;

namespace OrleansGroq.Emulator.Tests.Completions;

public sealed class SchemaValueGeneratorTests
{
    private static JsonElement Generate(string schema) =>
        JsonDocument.Parse(SchemaValueGenerator.Generate(Encoding.UTF8.GetBytes(schema), 1)).RootElement;

    [Fact]
    public void Fills_every_type()
    {
        var value = Generate("""
            {"type":"object","properties":{
              "name":{"type":"string"},"unit":{"type":"string","enum":["celsius","fahrenheit"]},
              "count":{"type":"integer"},"ratio":{"type":"number","minimum":3},"ok":{"type":"boolean"},
              "tags":{"type":"array","items":{"type":"string"}},"when":{"type":"string","format":"date-time"},
              "nested":{"type":"object","properties":{"x":{"type":["null","integer"]}}}},
             "required":["name","extra"]}
            """);

        Assert.Equal(JsonValueKind.String, value.GetProperty("name").ValueKind);
        Assert.Equal("celsius", value.GetProperty("unit").GetString());
        Assert.Equal(1, value.GetProperty("count").GetInt32());
        Assert.Equal(3, value.GetProperty("ratio").GetDouble());
        Assert.True(value.GetProperty("ok").GetBoolean());
        Assert.Equal(1, value.GetProperty("tags").GetArrayLength());
        Assert.Equal("2026-01-01T00:00:00Z", value.GetProperty("when").GetString());
        Assert.Equal(1, value.GetProperty("nested").GetProperty("x").GetInt32());
        Assert.Equal(JsonValueKind.String, value.GetProperty("extra").ValueKind);
    }

    [Fact]
    public void Follows_local_references_and_first_alternatives()
    {
        var value = Generate("""
            {"$defs":{"point":{"type":"object","properties":{"x":{"const":5}}}},
             "type":"object","properties":{"p":{"$ref":"#/$defs/point"},"either":{"anyOf":[{"type":"boolean"},{"type":"string"}]}}}
            """);

        Assert.Equal(5, value.GetProperty("p").GetProperty("x").GetInt32());
        Assert.True(value.GetProperty("either").GetBoolean());
    }

    [Fact]
    public void Recursive_schemas_terminate()
    {
        var text = SchemaValueGenerator.Generate(Encoding.UTF8.GetBytes("""{"type":"object","properties":{"child":{"$ref":"#"}}}"""), 1);

        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(text).RootElement.ValueKind);
    }

    [Fact]
    public void No_schema_is_an_empty_object() => Assert.Equal("{}", SchemaValueGenerator.Generate(null, 1));
}
