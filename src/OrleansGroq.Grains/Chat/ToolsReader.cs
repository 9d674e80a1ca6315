using System.Text.Json;

namespace OrleansGroq.Grains.Chat;

/// <summary>
/// Reads <c>tools</c>, <c>tool_choice</c>, their deprecated forms <c>functions</c> and <c>function_call</c>, and an
/// assistant message's <c>tool_calls</c>. Tool types other than <c>function</c> (Groq's built-in <c>browser_search</c>,
/// <c>code_interpreter</c>, ...) pass through: Groq adds them model by model.
/// </summary>
internal static class ToolsReader
{
    /// <summary>Functions Groq takes in one request.</summary>
    public const int MaxTools = 128;

    private static readonly AllowedValues ToolChoiceModes = new("none", "auto", "required");
    private static readonly AllowedValues FunctionType = new("function");

    public static ChatRequestError? ReadTools(ref Utf8JsonReader reader, out bool hasTools, out List<string>? functionNames)
    {
        hasTools = false;
        functionNames = null;
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return ChatFieldRules.At(JsonRules.Array(ref reader), "tools");
        }

        var count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (ReadTool(ref reader, new ItemPath("tools", count), out var name) is { } error)
            {
                return error;
            }

            if (name is not null)
            {
                (functionNames ??= []).Add(name);
            }

            count++;
        }

        hasTools = count > 0;
        return count <= MaxTools ? null : ChatRequestErrors.TooMany("tools", MaxTools, count);
    }

    public static ChatRequestError? ReadFunctions(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return ChatFieldRules.At(JsonRules.Array(ref reader), "functions");
        }

        var count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (ReadFunction(ref reader, new ItemPath("functions", count), "", out _) is { } error)
            {
                return error;
            }

            count++;
        }

        return count <= MaxTools ? null : ChatRequestErrors.TooMany("functions", MaxTools, count);
    }

    /// <summary><c>none</c>, <c>auto</c>, <c>required</c>, or <c>{"type":"function","function":{"name":...}}</c>.</summary>
    public static ChatRequestError? ReadToolChoice(ref Utf8JsonReader reader, out string? function)
    {
        function = null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return reader.TokenType == JsonTokenType.String || reader.TokenType == JsonTokenType.Null
                ? ChatFieldRules.At(JsonRules.OneOf(ref reader, ToolChoiceModes, out _), "tool_choice")
                : JsonRules.Wrong(ref reader, "a string or an object").At("tool_choice");
        }

        bool hasType = false, hasFunction = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = reader.ValueTextEquals("type"u8) ? "type" : reader.ValueTextEquals("function"u8) ? "function" : null;
            reader.Read();
            var error = field switch
            {
                "type" => ChatFieldRules.At(JsonRules.OneOf(ref reader, FunctionType, out _), "tool_choice.type"),
                "function" => ReadFunctionName(ref reader, "tool_choice.function", out function),
                _ => ChatFieldRules.Skip(ref reader),
            };
            if (error is not null)
            {
                return error;
            }

            hasType |= field == "type";
            hasFunction |= field == "function";
        }

        return !hasType ? ChatRequestErrors.Missing("tool_choice.type")
            : !hasFunction ? ChatRequestErrors.Missing("tool_choice.function")
            : null;
    }

    /// <summary><c>none</c>, <c>auto</c>, <c>required</c>, or <c>{"name":...}</c>.</summary>
    public static ChatRequestError? ReadFunctionCall(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.StartObject
            ? ReadFunctionName(ref reader, "function_call", out _)
            : reader.TokenType is JsonTokenType.String or JsonTokenType.Null
                ? ChatFieldRules.At(JsonRules.OneOf(ref reader, ToolChoiceModes, out _), "function_call")
                : JsonRules.Wrong(ref reader, "a string or an object").At("function_call");

    /// <summary>An assistant message's calls: each needs an id, the type <c>function</c>, a function name and its arguments.</summary>
    public static ChatRequestError? ReadToolCalls(ref Utf8JsonReader reader, ItemPath message)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return ChatFieldRules.At(JsonRules.Array(ref reader), message.Of("tool_calls"));
        }

        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var call = index;
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return JsonRules.Wrong(ref reader, "an object").At(message.Of($"tool_calls[{call}]"));
            }

            bool hasId = false, hasType = false, hasFunction = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var field = reader.ValueTextEquals("id"u8) ? "id" : reader.ValueTextEquals("type"u8) ? "type" : reader.ValueTextEquals("function"u8) ? "function" : null;
                reader.Read();
                var problem = field switch
                {
                    "id" => reader.TokenType == JsonTokenType.String ? default : JsonRules.Wrong(ref reader, "a string"),
                    "type" => JsonRules.OneOf(ref reader, FunctionType, out _),
                    "function" => ReadCalledFunction(ref reader),
                    _ => JsonRules.Any(ref reader),
                };
                if (problem.Found)
                {
                    return problem.At(message.Of($"tool_calls[{call}].{field}"));
                }

                hasId |= field == "id";
                hasType |= field == "type" && reader.TokenType == JsonTokenType.String;
                hasFunction |= field == "function";
            }

            var missing = !hasId ? "id" : !hasType ? "type" : !hasFunction ? "function" : null;
            if (missing is not null)
            {
                return ChatRequestErrors.Missing(message.Of($"tool_calls[{call}].{missing}"));
            }

            index++;
        }

        return null;
    }

    private static ChatRequestError? ReadTool(ref Utf8JsonReader reader, ItemPath path, out string? functionName)
    {
        functionName = null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return JsonRules.Wrong(ref reader, "an object").At(path.Self);
        }

        var type = -2;
        var hasFunction = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = reader.ValueTextEquals("type"u8) ? "type" : reader.ValueTextEquals("function"u8) ? "function" : null;
            reader.Read();
            var error = field switch
            {
                // Any string: a built-in tool type passes; only a function is Groq's to spell out.
                "type" when reader.TokenType == JsonTokenType.String => Recorded(ref type, FunctionType.IndexOf(ref reader)),
                "type" => JsonRules.Wrong(ref reader, "a string").At(path.Of("type")),
                "function" => ReadFunction(ref reader, path, "function.", out functionName),
                _ => ChatFieldRules.Skip(ref reader),
            };
            if (error is not null)
            {
                return error;
            }

            hasFunction |= field == "function";
        }

        return type == -2 ? ChatRequestErrors.Missing(path.Of("type"))
            : type == 0 && !hasFunction ? ChatRequestErrors.Missing(path.Of("function"))
            : null;
    }

    /// <summary>A function definition: <c>name</c> (required), <c>description</c>, <c>parameters</c>, <c>strict</c>.</summary>
    private static ChatRequestError? ReadFunction(ref Utf8JsonReader reader, ItemPath path, string prefix, out string? name)
    {
        name = null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return JsonRules.Wrong(ref reader, "an object").At(prefix.Length == 0 ? path.Self : path.Of(prefix.TrimEnd('.')));
        }

        var hasName = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = reader.ValueTextEquals("name"u8) ? "name"
                : reader.ValueTextEquals("description"u8) ? "description"
                : reader.ValueTextEquals("parameters"u8) ? "parameters"
                : reader.ValueTextEquals("strict"u8) ? "strict"
                : null;
            reader.Read();
            var problem = field switch
            {
                "name" => JsonRules.Name(ref reader),
                "description" => JsonRules.String(ref reader),
                "parameters" => JsonRules.Object(ref reader),
                "strict" => JsonRules.Boolean(ref reader),
                _ => JsonRules.Any(ref reader),
            };
            if (problem.Found)
            {
                return problem.At(path.Of(prefix + field));
            }

            if (field == "name")
            {
                (hasName, name) = (true, reader.GetString());
            }
        }

        return hasName ? null : ChatRequestErrors.Missing(path.Of(prefix + "name"));
    }

    /// <summary><c>{"name": ...}</c>, the function a choice forces.</summary>
    private static ChatRequestError? ReadFunctionName(ref Utf8JsonReader reader, string param, out string? name)
    {
        name = null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return JsonRules.Wrong(ref reader, "an object").At(param);
        }

        var hasName = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isName = reader.ValueTextEquals("name"u8);
            reader.Read();
            if (isName && reader.TokenType != JsonTokenType.String)
            {
                return JsonRules.Wrong(ref reader, "a string").At($"{param}.name");
            }

            if (isName)
            {
                (hasName, name) = (true, reader.GetString());
            }

            reader.Skip();
        }

        return hasName ? null : ChatRequestErrors.Missing($"{param}.name");
    }

    /// <summary>A called function: <c>name</c> and <c>arguments</c>, both strings, both required.</summary>
    private static ValueProblem ReadCalledFunction(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return JsonRules.Wrong(ref reader, "an object");
        }

        bool hasName = false, hasArguments = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = reader.ValueTextEquals("name"u8) ? "name" : reader.ValueTextEquals("arguments"u8) ? "arguments" : null;
            reader.Read();
            if (field is not null && reader.TokenType != JsonTokenType.String)
            {
                return JsonRules.Wrong(ref reader, "a string").Within(field);
            }

            hasName |= field == "name";
            hasArguments |= field == "arguments";
            reader.Skip();
        }

        return !hasName ? ValueProblem.Missing("name") : !hasArguments ? ValueProblem.Missing("arguments") : default;
    }

    private static ChatRequestError? Recorded(ref int type, int index)
    {
        type = index;
        return null;
    }
}
