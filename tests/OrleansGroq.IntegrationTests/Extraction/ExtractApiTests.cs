using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansGroq.Emulator;
using OrleansGroq.Grains.Extraction;
using OrleansGroq.IntegrationTests.Infrastructure;

namespace OrleansGroq.IntegrationTests.Extraction;

/// <summary><c>POST /v1/extract</c> against the emulator: schema-valid JSON, retries on json_validate_failed, and the last resorts.</summary>
public sealed class ExtractApiTests : IAsyncLifetime
{
    private const string StrictModel = "openai/gpt-oss-20b";
    private const string Text = "Pay 4,500 to ravi.kumar@okaxis today or call 9876543210. Mail ravi@example.com.";

    private static readonly TestKey Key = new("k1", "org_extract", "gsk_test_extract_key");

    private static readonly JsonElement Schema = JsonDocument.Parse("""
        {
          "type": "object",
          "properties": {
            "upi_ids": { "type": "array", "items": { "type": "string" } },
            "phone_numbers": { "type": "array", "items": { "type": "string" } },
            "emails": { "type": "array", "items": { "type": "string" } },
            "amount": { "type": "number" }
          },
          "required": ["upi_ids", "phone_numbers", "emails", "amount"],
          "additionalProperties": false
        }
        """).RootElement.Clone();

    private TestUpstream _upstream = null!;

    public async Task InitializeAsync() => _upstream = await TestUpstream.StartAsync([Key]);

    public async Task DisposeAsync() => await _upstream.DisposeAsync();

    [Fact]
    public async Task Returns_schema_valid_json_while_the_model_fails_validation_twice_in_a_row()
    {
        _upstream.Emulator.Control.AddFault(new FaultRule { Kind = FaultKind.JsonValidateFailed, Times = 2 });

        var (status, answer) = await ExtractAsync(new { text = Text, schema = Schema });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(JsonSchemaValidator.IsValid(Schema, answer.GetProperty("data")), answer.GetProperty("data").GetRawText());
        Assert.Equal("model", answer.GetProperty("source").GetString());
        Assert.Equal("complete", answer.GetProperty("confidence").GetString());
        Assert.False(answer.GetProperty("partial").GetBoolean());
        Assert.Equal(2, answer.GetProperty("validation_retries").GetInt32());
        Assert.Equal(3, answer.GetProperty("llm_calls").GetInt32());
        Assert.Equal(StrictModel, answer.GetProperty("model").GetString());
        Assert.Equal(3, _upstream.Emulator.Control.GetStats().For(Key.Alias, StrictModel).Requests);
    }

    [Fact]
    public async Task A_model_without_strict_mode_that_keeps_failing_hands_over_to_a_strict_capable_model()
    {
        _upstream.Emulator.Control.AddFault(new FaultRule { Kind = FaultKind.JsonValidateFailed, Model = "llama-3.3-70b-versatile" });

        var (status, answer) = await ExtractAsync(new { text = Text, schema = Schema, model = "llama-3.3-70b-versatile" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(JsonSchemaValidator.IsValid(Schema, answer.GetProperty("data")));
        Assert.Equal(StrictModel, answer.GetProperty("model").GetString());
        Assert.Equal(StructuredExtractor.MaxValidationRetries, answer.GetProperty("validation_retries").GetInt32());
        Assert.Equal(StructuredExtractor.MaxValidationRetries + 2, answer.GetProperty("llm_calls").GetInt32());
    }

    [Fact]
    public async Task When_every_call_fails_validation_the_last_failed_generation_is_parsed_leniently()
    {
        _upstream.Emulator.Control.AddFault(new FaultRule { Kind = FaultKind.JsonValidateFailed });

        var (status, answer) = await ExtractAsync(new { text = Text, schema = Schema });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("repaired", answer.GetProperty("source").GetString());
        Assert.True(JsonSchemaValidator.IsValid(Schema, answer.GetProperty("data")));
        Assert.Equal(1 + StructuredExtractor.MaxValidationRetries, answer.GetProperty("llm_calls").GetInt32());
    }

    [Fact]
    public async Task When_no_model_answers_regex_fills_what_it_can_and_the_result_is_flagged_partial_and_degraded()
    {
        _upstream.Emulator.Control.AddFault(new FaultRule { Kind = FaultKind.Status500 });

        using var response = await _upstream.Gateway.Http.PostAsJsonAsync("v1/extract", new { text = Text, schema = Schema });
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("local", response.Headers.GetValues("x-orleansgroq-degraded").Single());
        Assert.Equal("regex", answer.GetProperty("source").GetString());
        Assert.True(answer.GetProperty("partial").GetBoolean());
        Assert.Equal(3, answer.GetProperty("fields_found").GetInt32());
        Assert.Equal(4, answer.GetProperty("fields_total").GetInt32());
        Assert.Equal("trusted", answer.GetProperty("confidence").GetString());
        var data = answer.GetProperty("data");
        Assert.Equal("ravi.kumar@okaxis", data.GetProperty("upi_ids")[0].GetString());
        Assert.Equal("9876543210", data.GetProperty("phone_numbers")[0].GetString());
        Assert.Equal("ravi@example.com", data.GetProperty("emails")[0].GetString());
        Assert.False(data.TryGetProperty("amount", out _));
    }

    [Fact]
    public async Task Too_little_found_is_discarded_rather_than_returned()
    {
        _upstream.Emulator.Control.AddFault(new FaultRule { Kind = FaultKind.Status500 });

        var (status, answer) = await ExtractAsync(new { text = "Nothing to see here.", schema = Schema });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("discarded", answer.GetProperty("confidence").GetString());
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("data").ValueKind);
    }

    [Theory]
    [InlineData("""{"schema":{"type":"object","properties":{"a":{"type":"string"}}}}""", "text")]
    [InlineData("""{"text":"x"}""", "schema")]
    [InlineData("""{"text":"x","schema":{"type":"object","properties":{"a":{"type":7}}}}""", "schema")]
    [InlineData("""{"text":"x","schema":{"type":"object","properties":{"a":{"type":"string"}}},"model":3}""", "model")]
    [InlineData("""{"text":"x",""", null)]
    [InlineData("""{"text":5,"text":"x","schema":{"type":"object","properties":{"a":{"type":"string"}}}}""", "text")]
    [InlineData("""{"text":"x","schema":{"type":"object","properties":{"a":{"type":"string"}}},"model":["auto"],"model":"llama-3.1-8b-instant"}""", "model")]
    public async Task A_bad_request_is_a_400_naming_the_field_and_nothing_goes_upstream(string body, string? param)
    {
        using var response = await _upstream.Gateway.Http.PostAsync("v1/extract", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var error = await response.ErrorAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(param, error.TryGetProperty("param", out var named) && named.ValueKind == JsonValueKind.String ? named.GetString() : null);
        Assert.Equal(0, _upstream.Emulator.Control.GetStats().Totals.Requests);
    }

    private async Task<(HttpStatusCode Status, JsonElement Answer)> ExtractAsync(object request)
    {
        using var response = await _upstream.Gateway.Http.PostAsJsonAsync("v1/extract", request);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }
}
