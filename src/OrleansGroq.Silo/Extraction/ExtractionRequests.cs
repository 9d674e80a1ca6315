using System.Text.Json;
using OrleansGroq.Grains.Chat;
using OrleansGroq.Grains.Extraction;
using OrleansGroq.Silo.Errors;

namespace OrleansGroq.Silo.Extraction;

/// <summary>Reads and checks an extraction request body; every problem is a 400 naming the field.</summary>
public static class ExtractionRequests
{
    // A member given twice would be read as its last copy while the first went unchecked: such a body is refused.
    private static readonly string[] Members = ["text", "schema", "model", "instructions"];

    public static OpenAiErrorResult? TryRead(ReadOnlyMemory<byte> body, out ExtractionFields fields)
    {
        fields = null!;
        if (JsonText.Check(body.Span) is { } undecodable)
        {
            return GatewayErrors.InvalidRequest(undecodable);
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = JsonText.MaxDepth });
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return GatewayErrors.InvalidJson();
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return GatewayErrors.InvalidRequest("The request body must be a JSON object.", null, "invalid_json");
        }

        if (Array.Find(Members, name => root.EnumerateObject().Count(p => p.NameEquals(name)) > 1) is { } repeated)
        {
            return GatewayErrors.InvalidRequest($"'{repeated}' is given more than once.", repeated, "duplicate_parameter");
        }

        if (!root.TryGetProperty("text", out var text) || text.ValueKind == JsonValueKind.Null)
        {
            return GatewayErrors.InvalidRequest("Missing required parameter: 'text'.", "text", "missing_required_parameter");
        }

        if (text.ValueKind != JsonValueKind.String)
        {
            return TypeError("text", text);
        }

        if (text.GetString()!.Length == 0)
        {
            return GatewayErrors.InvalidRequest("'text' must not be empty: it is what the data is extracted from.", "text", "invalid_value");
        }

        if (!root.TryGetProperty("schema", out var schema))
        {
            return GatewayErrors.InvalidRequest("'schema' is a required property: the JSON schema the extracted data must meet.", "schema", "missing_required_parameter");
        }

        if (!SchemaCheck.TryValidateSchema(schema, out var schemaError))
        {
            return GatewayErrors.InvalidRequest(schemaError, "schema", "invalid_schema");
        }

        if (Optional(root, "model", out var model) is { } badModel)
        {
            return badModel;
        }

        if (Optional(root, "instructions", out var instructions) is { } badInstructions)
        {
            return badInstructions;
        }

        fields = new ExtractionFields(text.GetString()!, schema, model, instructions);
        return null;
    }

    private static OpenAiErrorResult? Optional(JsonElement root, string name, out string? value)
    {
        value = null;
        if (!root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            return TypeError(name, element);
        }

        value = element.GetString();
        return null;
    }

    private static OpenAiErrorResult TypeError(string name, JsonElement got) =>
        GatewayErrors.InvalidRequest(
            $"Invalid type for '{name}': expected a string, but got {Describe(got.ValueKind)} instead.", name, "invalid_type");

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Object => "an object",
        _ => "an array",
    };
}
