using System.Text.Json;

namespace OrleansGroq.Grains.Chat;

/// <summary>
/// Reads <c>response_format</c>: <c>{"type":"text"}</c>, <c>{"type":"json_object"}</c>, or <c>{"type":"json_schema",
/// "json_schema":{"name"?, "description"?, "schema"?, "strict"?}}</c>. What the schema says is Groq's to judge.
/// </summary>
internal static class ResponseFormatReader
{
    private const int JsonSchemaType = 2;

    private static readonly AllowedValues Types = new("text", "json_object", "json_schema");

    public static ChatRequestError? Read(ref Utf8JsonReader reader, out ResponseFormatKind kind)
    {
        kind = ResponseFormatKind.None;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return ChatFieldRules.At(JsonRules.Object(ref reader), "response_format");
        }

        var type = -1;
        bool? strict = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = reader.ValueTextEquals("type"u8) ? "type" : reader.ValueTextEquals("json_schema"u8) ? "json_schema" : null;
            reader.Read();
            var error = field switch
            {
                "type" when reader.TokenType == JsonTokenType.Null => JsonRules.Wrong(ref reader, "a string").At("response_format.type"),
                "type" => ChatFieldRules.At(JsonRules.OneOf(ref reader, Types, out type), "response_format.type"),
                "json_schema" => ReadJsonSchema(ref reader, out strict),
                _ => ChatFieldRules.At(JsonRules.Any(ref reader), "response_format"),
            };
            if (error is not null)
            {
                return error;
            }
        }

        if (type < 0)
        {
            return ChatRequestErrors.Missing("response_format.type");
        }

        if (type == JsonSchemaType && strict is null)
        {
            return ChatRequestErrors.Missing("response_format.json_schema");
        }

        kind = type switch
        {
            0 => ResponseFormatKind.Text,
            1 => ResponseFormatKind.JsonObject,
            _ => strict == true ? ResponseFormatKind.StrictJsonSchema : ResponseFormatKind.JsonSchema,
        };
        return null;
    }

    /// <param name="strict">Whether the schema asks for strict output; null when there was no <c>json_schema</c> object.</param>
    private static ChatRequestError? ReadJsonSchema(ref Utf8JsonReader reader, out bool? strict)
    {
        strict = null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return ChatFieldRules.At(JsonRules.Object(ref reader), "response_format.json_schema");
        }

        strict = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = reader.ValueTextEquals("name"u8) ? "name"
                : reader.ValueTextEquals("description"u8) ? "description"
                : reader.ValueTextEquals("schema"u8) ? "schema"
                : reader.ValueTextEquals("strict"u8) ? "strict"
                : null;
            reader.Read();
            strict |= field == "strict" && reader.TokenType == JsonTokenType.True;
            var problem = field switch
            {
                "name" => JsonRules.Name(ref reader),
                "description" => JsonRules.String(ref reader),
                "schema" => JsonRules.Object(ref reader),
                "strict" => JsonRules.Boolean(ref reader),
                _ => JsonRules.Any(ref reader),
            };
            if (problem.Found)
            {
                return problem.At($"response_format.json_schema.{field}");
            }
        }

        return null;
    }
}
