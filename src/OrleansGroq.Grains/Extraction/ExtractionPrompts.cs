using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace OrleansGroq.Grains.Extraction;

/// <summary>
/// The chat completion bodies of an extraction. The instructions and schema go first in the system message and the
/// client's text last, so repeated extractions with one schema share a cacheable prefix (seed 001 §6.4).
/// </summary>
public static class ExtractionPrompts
{
    private const string SchemaName = "extraction";

    private const string FullPrompt =
        "You extract structured data from the user's message. Reply with one JSON object that matches the JSON schema " +
        "below, and nothing else: no prose, no markdown. Use only what the text states; never invent values. When the " +
        "text holds no value for a field, use null if the schema allows it, an empty array for a list, or leave an " +
        "optional field out.\n\nJSON schema:\n";

    private const string SimplifiedPrompt =
        "Extract these fields from the user's message. Reply with only a JSON object that has these keys; use null for " +
        "a field the text does not mention and never invent values.\n";

    // The schema becomes prompt text, not HTML: escaping non-ASCII would show the model \uXXXX instead of the words.
    private static readonly JsonWriterOptions PromptSchemaWriter = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// A request body for <paramref name="model"/> with <c>temperature: 0</c>. <see cref="ExtractionPromptKind.Full"/>
    /// sends <c>response_format: json_schema</c> with <paramref name="strict"/>; with <c>strict: true</c> the schema
    /// must already meet strict mode's rules (pass it through <see cref="StrictSchema.TryPrepare"/>) and the model must
    /// support it. <see cref="ExtractionPromptKind.Simplified"/>, the retry after <c>json_validate_failed</c>, shortens the
    /// prompt to a list of fields but keeps the schema in best-effort mode (<c>strict: false</c>), so that Groq still
    /// validates what comes back. <paramref name="instructions"/> are the client's extra guidance, if any.
    /// </summary>
    public static byte[] BuildRequestBody(string model, string text, JsonElement schema, ExtractionPromptKind kind, bool strict, string? instructions = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        ArgumentNullException.ThrowIfNull(text);
        var buffer = new ArrayBufferWriter<byte>(1024 + text.Length);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("model", model);
            writer.WriteStartArray("messages");
            WriteMessage(writer, "system", SystemPrompt(schema, kind, instructions));
            WriteMessage(writer, "user", text);
            writer.WriteEndArray();
            writer.WriteNumber("temperature", 0);
            writer.WriteStartObject("response_format");
            writer.WriteString("type", "json_schema");
            writer.WriteStartObject("json_schema");
            writer.WriteString("name", SchemaName);
            writer.WritePropertyName("schema");
            schema.WriteTo(writer);
            writer.WriteBoolean("strict", strict && kind == ExtractionPromptKind.Full);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteMessage(Utf8JsonWriter writer, string role, string content)
    {
        writer.WriteStartObject();
        writer.WriteString("role", role);
        writer.WriteString("content", content);
        writer.WriteEndObject();
    }

    private static string SystemPrompt(JsonElement schema, ExtractionPromptKind kind, string? instructions)
    {
        var prompt = new StringBuilder(kind == ExtractionPromptKind.Full ? FullPrompt : SimplifiedPrompt);
        if (kind == ExtractionPromptKind.Full)
        {
            prompt.Append(CompactJson(schema));
        }
        else
        {
            AppendFieldList(prompt, schema);
        }

        if (!string.IsNullOrWhiteSpace(instructions))
        {
            prompt.Append("\n\nAdditional instructions:\n").Append(instructions);
        }

        return prompt.ToString();
    }

    private static void AppendFieldList(StringBuilder prompt, JsonElement schema)
    {
        if (!SchemaNodes.TryGet(schema, "properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var required = SchemaNodes.TryGet(schema, "required", out var names) && names.ValueKind == JsonValueKind.Array
            ? names.EnumerateArray().Where(n => n.ValueKind == JsonValueKind.String).Select(n => n.GetString()!).ToHashSet(StringComparer.Ordinal)
            : [];
        foreach (var property in properties.EnumerateObject())
        {
            prompt.Append("- ").Append(property.Name).Append(": ").Append(FieldTypeText.Describe(schema, property.Value));
            prompt.Append(required.Contains(property.Name) ? " (required)\n" : "\n");
        }
    }

    private static string CompactJson(JsonElement value)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, PromptSchemaWriter))
        {
            value.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
