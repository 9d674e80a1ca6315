using System.Text.Json;

namespace OrleansGroq.Grains.Chat;

/// <summary>Reads the kind of a <c>response_format</c> object; its schema is Groq's to judge.</summary>
internal static class ResponseFormatReader
{
    public static bool TryRead(ref Utf8JsonReader reader, out ResponseFormatKind kind, out ChatRequestError error)
    {
        kind = ResponseFormatKind.None;
        if (reader.TokenType == JsonTokenType.Null)
        {
            error = null!;
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return ChatRequestReader.Fail(ChatRequestReader.TypeError("response_format", "an object"), out error);
        }

        var strict = false;
        string? type = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueSpan;
            reader.Read();
            if (name.SequenceEqual("type"u8) && reader.TokenType == JsonTokenType.String)
            {
                type = reader.GetString();
            }
            else if (name.SequenceEqual("json_schema"u8) && reader.TokenType == JsonTokenType.StartObject)
            {
                strict = ReadStrict(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        kind = type switch
        {
            "text" => ResponseFormatKind.Text,
            "json_object" => ResponseFormatKind.JsonObject,
            "json_schema" => strict ? ResponseFormatKind.StrictJsonSchema : ResponseFormatKind.JsonSchema,
            _ => ResponseFormatKind.None,
        };
        if (type is null || kind == ResponseFormatKind.None)
        {
            return ChatRequestReader.Fail(new ChatRequestError(
                "Invalid value for 'response_format.type': expected one of 'text', 'json_object' or 'json_schema'.",
                "response_format.type",
                "invalid_value"), out error);
        }

        error = null!;
        return true;
    }

    private static bool ReadStrict(ref Utf8JsonReader reader)
    {
        var strict = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isStrict = reader.ValueSpan.SequenceEqual("strict"u8);
            reader.Read();
            if (isStrict)
            {
                strict = reader.TokenType == JsonTokenType.True;
            }
            else
            {
                reader.Skip();
            }
        }

        return strict;
    }
}
