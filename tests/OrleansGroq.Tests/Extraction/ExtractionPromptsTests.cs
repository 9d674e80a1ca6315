using System.Text.Json;
using OrleansGroq.Grains.Extraction;

namespace OrleansGroq.Tests.Extraction;

public sealed class ExtractionPromptsTests
{
    private const string Schema = """
        {"type":"object","properties":{
          "name":{"type":"string","description":"नाम"},
          "phones":{"type":"array","items":{"type":"string"}},
          "risk":{"enum":["low","high"]},
          "amount":{"type":["number","null"]},
          "contact":{"$ref":"#/$defs/contact"}},
         "required":["name"],
         "$defs":{"contact":{"type":"object"}}}
        """;

    [Fact]
    public void The_full_prompt_sends_the_schema_as_json_schema_response_format()
    {
        using var body = Build(ExtractionPromptKind.Full, strict: false);
        var root = body.RootElement;

        Assert.Equal("llama-3.1-8b-instant", root.GetProperty("model").GetString());
        Assert.Equal(0, root.GetProperty("temperature").GetInt32());
        var format = root.GetProperty("response_format");
        Assert.Equal("json_schema", format.GetProperty("type").GetString());
        var jsonSchema = format.GetProperty("json_schema");
        Assert.Equal("extraction", jsonSchema.GetProperty("name").GetString());
        Assert.False(jsonSchema.GetProperty("strict").GetBoolean());
        Assert.True(JsonElement.DeepEquals(JsonText.Parse(Schema), jsonSchema.GetProperty("schema")));
    }

    [Fact]
    public void The_full_prompt_puts_the_schema_in_the_system_message_and_the_text_in_the_user_message()
    {
        using var body = Build(ExtractionPromptKind.Full, strict: false);
        var messages = body.RootElement.GetProperty("messages");

        Assert.Equal(2, messages.GetArrayLength());
        Assert.Equal("system", messages[0].GetProperty("role").GetString());
        var system = messages[0].GetProperty("content").GetString()!;
        Assert.Contains("JSON schema", system, StringComparison.Ordinal);
        Assert.Contains("\"description\":\"नाम\"", system, StringComparison.Ordinal);
        Assert.Equal("user", messages[1].GetProperty("role").GetString());
        Assert.Equal("Asha paid ₹500 from 9876543210 \"urgently\"", messages[1].GetProperty("content").GetString());
    }

    [Fact]
    public void Strict_is_passed_through()
    {
        using var body = Build(ExtractionPromptKind.Full, strict: true);

        Assert.True(body.RootElement.GetProperty("response_format").GetProperty("json_schema").GetProperty("strict").GetBoolean());
    }

    [Fact]
    public void The_simplified_prompt_keeps_the_schema_in_best_effort_mode_and_lists_fields_with_types()
    {
        using var body = Build(ExtractionPromptKind.Simplified, strict: true);
        var root = body.RootElement;

        var format = root.GetProperty("response_format");
        Assert.Equal("json_schema", format.GetProperty("type").GetString());
        Assert.False(format.GetProperty("json_schema").GetProperty("strict").GetBoolean());
        Assert.Equal(JsonValueKind.Object, format.GetProperty("json_schema").GetProperty("schema").ValueKind);
        var system = root.GetProperty("messages")[0].GetProperty("content").GetString()!;
        Assert.Contains("JSON object", system, StringComparison.Ordinal);
        Assert.Contains("- name: string (required)\n", system, StringComparison.Ordinal);
        Assert.Contains("- phones: array of string\n", system, StringComparison.Ordinal);
        Assert.Contains("- risk: one of \"low\", \"high\"\n", system, StringComparison.Ordinal);
        Assert.Contains("- amount: number or null\n", system, StringComparison.Ordinal);
        Assert.Contains("- contact: object\n", system, StringComparison.Ordinal);
        Assert.DoesNotContain("description", system, StringComparison.Ordinal);
        Assert.Equal(0, root.GetProperty("temperature").GetInt32());
    }

    [Fact]
    public void The_simplified_prompt_is_shorter_than_the_full_one()
    {
        using var full = Build(ExtractionPromptKind.Full, strict: false);
        using var simplified = Build(ExtractionPromptKind.Simplified, strict: false);

        Assert.True(SystemPrompt(simplified).Length < SystemPrompt(full).Length);
    }

    [Theory]
    [InlineData(ExtractionPromptKind.Full)]
    [InlineData(ExtractionPromptKind.Simplified)]
    public void Instructions_are_appended_to_the_system_prompt(ExtractionPromptKind kind)
    {
        var bytes = ExtractionPrompts.BuildRequestBody("m", "text", JsonText.Parse(Schema), kind, strict: false, "Phone numbers are Indian mobiles.");
        using var body = JsonDocument.Parse(bytes);

        Assert.EndsWith("\n\nAdditional instructions:\nPhone numbers are Indian mobiles.", SystemPrompt(body), StringComparison.Ordinal);
    }

    private static string SystemPrompt(JsonDocument body) => body.RootElement.GetProperty("messages")[0].GetProperty("content").GetString()!;

    private static JsonDocument Build(ExtractionPromptKind kind, bool strict) =>
        JsonDocument.Parse(ExtractionPrompts.BuildRequestBody(
            "llama-3.1-8b-instant", "Asha paid ₹500 from 9876543210 \"urgently\"", JsonText.Parse(Schema), kind, strict));
}
