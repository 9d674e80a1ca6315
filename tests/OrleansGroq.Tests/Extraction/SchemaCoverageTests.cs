using OrleansGroq.Grains.Extraction;

namespace OrleansGroq.Tests.Extraction;

public sealed class SchemaCoverageTests
{
    private const string EightFields = """
        {"type":"object","properties":{"a":{"type":"string"},"b":{"type":"string"},"c":{"type":"string"},"d":{"type":"string"},
         "e":{"type":"string"},"f":{"type":"string"},"g":{"type":"string"},"h":{"type":"string"}},"required":["a"]}
        """;

    [Fact]
    public void Every_field_valid_is_complete()
    {
        var result = Measure("""{"type":"object","properties":{"a":{"type":"string"},"b":{"type":"integer"}}}""", """{"a":"x","b":2}""");

        Assert.Equal((2, 2, 1.0, false, ExtractionConfidence.Complete), (result.Found, result.Total, result.Ratio, result.IsPartial, result.Confidence));
        Assert.Equal("""{"a":"x","b":2}""", JsonText.Compact(result.Value));
    }

    [Fact]
    public void Exactly_half_the_fields_is_trusted_but_partial()
    {
        var result = Measure(EightFields, """{"a":"1","b":"2","c":"3","d":"4"}""");

        Assert.Equal((4, 8, 0.5, true, ExtractionConfidence.Trusted), (result.Found, result.Total, result.Ratio, result.IsPartial, result.Confidence));
    }

    [Fact]
    public void Exactly_a_quarter_of_the_fields_is_low_confidence()
    {
        var result = Measure(EightFields, """{"a":"1","b":"2"}""");

        Assert.Equal((0.25, ExtractionConfidence.Low), (result.Ratio, result.Confidence));
    }

    [Fact]
    public void Under_a_quarter_of_the_fields_is_discarded()
    {
        var result = Measure(EightFields, """{"a":"1"}""");

        Assert.Equal((0.125, ExtractionConfidence.Discarded), (result.Ratio, result.Confidence));
    }

    [Theory]
    [InlineData(4, 4, ExtractionConfidence.Complete)]
    [InlineData(3, 4, ExtractionConfidence.Trusted)]
    [InlineData(2, 4, ExtractionConfidence.Trusted)]
    [InlineData(1, 3, ExtractionConfidence.Low)]
    [InlineData(1, 4, ExtractionConfidence.Low)]
    [InlineData(1, 5, ExtractionConfidence.Discarded)]
    [InlineData(0, 1, ExtractionConfidence.Discarded)]
    [InlineData(0, 0, ExtractionConfidence.Complete)]
    public void Classify_applies_the_seed_thresholds(int found, int total, ExtractionConfidence expected)
    {
        Assert.Equal(expected, SchemaCoverage.Classify(found, total));
    }

    [Theory]
    [InlineData(-1, 2)]
    [InlineData(3, 2)]
    public void Classify_refuses_impossible_counts(int found, int total)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SchemaCoverage.Classify(found, total));
    }

    [Fact]
    public void Invalid_and_undeclared_properties_are_pruned()
    {
        const string schema = """
            {"type":"object","properties":{"name":{"type":"string"},"age":{"type":"integer","minimum":0},
             "phones":{"type":"array","items":{"type":"string"}}}}
            """;

        var result = Measure(schema, """{"name":"Asha","age":-3,"phones":["1",2],"extra":true}""");

        Assert.Equal("""{"name":"Asha"}""", JsonText.Compact(result.Value));
        Assert.Equal((1, 3), (result.Found, result.Total));
    }

    [Fact]
    public void A_valid_null_counts_as_found()
    {
        var result = Measure("""{"type":"object","properties":{"email":{"type":["string","null"]},"upi":{"type":"string"}}}""", """{"email":null,"upi":null}""");

        Assert.Equal("""{"email":null}""", JsonText.Compact(result.Value));
        Assert.Equal(1, result.Found);
    }

    [Fact]
    public void Properties_defined_by_ref_are_judged_against_the_definition()
    {
        const string schema = """{"type":"object","properties":{"ifsc":{"$ref":"#/$defs/ifsc"}},"$defs":{"ifsc":{"type":"string","pattern":"^[A-Z]{4}0[A-Z0-9]{6}$"}}}""";

        Assert.Equal(1, Measure(schema, """{"ifsc":"SBIN0001234"}""").Found);
        Assert.Equal(0, Measure(schema, """{"ifsc":"sbin1234"}""").Found);
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    [InlineData("null")]
    public void A_candidate_that_is_not_an_object_finds_nothing(string candidate)
    {
        var result = Measure("""{"type":"object","properties":{"a":{}}}""", candidate);

        Assert.Equal((0, 1, ExtractionConfidence.Discarded, "{}"), (result.Found, result.Total, result.Confidence, JsonText.Compact(result.Value)));
    }

    private static PartialResult Measure(string schema, string candidate) =>
        SchemaCoverage.Measure(JsonText.Parse(schema), JsonText.Parse(candidate));
}
