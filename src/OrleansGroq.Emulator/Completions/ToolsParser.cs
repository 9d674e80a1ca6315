using System.Text.Json;
using OrleansGroq.Emulator.Http;

namespace OrleansGroq.Emulator.Completions;

/// <summary>Reads <c>tools</c>, <c>tool_choice</c> and <c>response_format</c>, which only some requests carry.</summary>
internal static class ToolsParser
{
    private const int MaxTools = 128;

    /// <summary>Reads the <c>tools</c> array; built-in tools (no <c>function</c>) are accepted and never called.</summary>
    public static GroqError? ParseTools(ReadOnlySpan<byte> json, ref Utf8JsonReader reader, List<ToolDefinition> tools)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return GroqErrors.Invalid("'tools' : value must be an array", "tools");
        }

        GroqError? error = null;
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                error ??= GroqErrors.Invalid($"'tools.{index}' : value must be an object", "tools");
                reader.Skip();
            }
            else
            {
                ParseTool(json, ref reader, index, tools, ref error);
            }

            index++;
        }

        if (index > MaxTools)
        {
            error ??= GroqErrors.Invalid($"'tools' : maximum number of items is {MaxTools}", "tools");
        }

        return error;
    }

    public static GroqError? ParseToolChoice(ref Utf8JsonReader reader, out ToolChoice choice)
    {
        choice = ToolChoice.Auto;
        if (reader.TokenType == JsonTokenType.String)
        {
            var known = reader.ValueTextEquals("auto"u8) ? ToolChoice.Auto
                : reader.ValueTextEquals("none"u8) ? ToolChoice.None
                : reader.ValueTextEquals("required"u8) ? ToolChoice.Required
                : null;
            if (known is null)
            {
                return GroqErrors.Invalid("'tool_choice' : value is not one of the allowed values ['none', 'auto', 'required']", "tool_choice");
            }

            choice = known;
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return reader.TokenType == JsonTokenType.Null ? null : GroqErrors.Invalid("'tool_choice' : value must be a string or an object", "tool_choice");
        }

        string? name = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isFunction = reader.ValueTextEquals("function"u8);
            reader.Read();
            if (isFunction && reader.TokenType == JsonTokenType.StartObject)
            {
                name = ReadName(ref reader) ?? name;
            }
            else
            {
                reader.Skip();
            }
        }

        if (name is null)
        {
            return GroqErrors.Invalid("'tool_choice.function' : property 'name' is missing", "tool_choice");
        }

        choice = new ToolChoice(ToolChoiceMode.Named, name);
        return null;
    }

    public static GroqError? ParseResponseFormat(ReadOnlySpan<byte> json, ref Utf8JsonReader reader, out ResponseFormat format)
    {
        format = ResponseFormat.Text;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return reader.TokenType == JsonTokenType.Null ? null : GroqErrors.Invalid("'response_format' : value must be an object", "response_format");
        }

        ResponseFormatKind? kind = null;
        GroqError? problem = null;
        byte[]? schema = null;
        var strict = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                kind = reader.TokenType != JsonTokenType.String ? null
                    : reader.ValueTextEquals("json_object"u8) ? ResponseFormatKind.JsonObject
                    : reader.ValueTextEquals("json_schema"u8) ? ResponseFormatKind.JsonSchema
                    : reader.ValueTextEquals("text"u8) ? ResponseFormatKind.Text
                    : null;
                if (kind is null)
                {
                    problem = GroqErrors.Invalid("'response_format.type' : value is not one of the allowed values ['text', 'json_object', 'json_schema']", "response_format");
                }

                reader.Skip();
            }
            else if (reader.ValueTextEquals("json_schema"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    continue;
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isSchema = reader.ValueTextEquals("schema"u8);
                    var isStrict = !isSchema && reader.ValueTextEquals("strict"u8);
                    reader.Read();
                    if (isSchema)
                    {
                        schema = Slice(json, ref reader);
                    }
                    else
                    {
                        strict |= isStrict && reader.TokenType == JsonTokenType.True;
                        reader.Skip();
                    }
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        format = kind switch
        {
            ResponseFormatKind.JsonObject => new ResponseFormat(ResponseFormatKind.JsonObject),
            ResponseFormatKind.JsonSchema => new ResponseFormat(ResponseFormatKind.JsonSchema, schema, strict),
            _ => ResponseFormat.Text,
        };
        return problem;
    }

    private static void ParseTool(ReadOnlySpan<byte> json, ref Utf8JsonReader reader, int index, List<ToolDefinition> tools, ref GroqError? error)
    {
        string? name = null;
        byte[]? parameters = null;
        var isFunction = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!reader.ValueTextEquals("function"u8))
            {
                reader.Read();
                reader.Skip();
                continue;
            }

            isFunction = true;
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isName = reader.ValueTextEquals("name"u8);
                var isParameters = !isName && reader.ValueTextEquals("parameters"u8);
                reader.Read();
                if (isName && reader.TokenType == JsonTokenType.String)
                {
                    name = reader.GetString();
                }
                else if (isParameters)
                {
                    parameters = Slice(json, ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }
        }

        if (!isFunction)
        {
            return;
        }

        if (string.IsNullOrEmpty(name))
        {
            error ??= GroqErrors.Invalid($"'tools.{index}.function' : property 'name' is missing", "tools");
            return;
        }

        tools.Add(new ToolDefinition(name, parameters));
    }

    private static string? ReadName(ref Utf8JsonReader reader)
    {
        string? name = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isName = reader.ValueTextEquals("name"u8);
            reader.Read();
            if (isName && reader.TokenType == JsonTokenType.String)
            {
                name = reader.GetString();
            }
            else
            {
                reader.Skip();
            }
        }

        return name;
    }

    // Copies the value under the reader: tools and schemas outlive the pooled request buffer.
    private static byte[] Slice(ReadOnlySpan<byte> json, ref Utf8JsonReader reader)
    {
        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        return json[start..(int)reader.BytesConsumed].ToArray();
    }
}
