namespace OrleansGroq.Testing.Fuzz.Bodies;

/// <summary>
/// The JSON routes and their documented fields, each with the type and range Groq (or, for the gateway's own routes,
/// the gateway's README) gives. Fields Groq does not document are left out: those pass through to Groq by design.
/// </summary>
internal static class JsonRoutes
{
    private const string Model = "\"model\":\"" + FuzzUpstream.ChatModel + "\"";
    private const string OneMessage = "\"messages\":[{\"role\":\"user\",\"content\":\"Say hello.\"}]";
    private const string ChatBase = Model + ",\"max_tokens\":16," + OneMessage;
    private const string ToolList =
        """[{"type":"function","function":{"name":"get_weather","description":"The weather in a city.","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}]""";

    private const string Tools = "\"tools\":" + ToolList;

    public static JsonRoute Chat { get; } = new(
        "chat",
        ["openai/v1/chat/completions", "v1/chat/completions"],
        "{" + ChatBase + "}",
        [
            new("model", FieldKind.Choice, "{\"model\":§,\"max_tokens\":16," + OneMessage + "}", "\"" + FuzzUpstream.ChatModel + "\"", true,
                ["\"no-such-model\"", "\"" + FuzzUpstream.AudioModel + "\"", "\"\""]),
            new("messages", FieldKind.Array, "{" + Model + ",\"messages\":§}", """[{"role":"user","content":"Hi"}]""", true,
                ["[]", "[[]]", "[null]", "[1]", "[\"hi\"]"]),
            new("messages[0]", FieldKind.Object, "{" + Model + ",\"messages\":[§]}", """{"role":"user","content":"Hi"}""", true,
                ["{}", """{"role":"user"}""", """{"content":"Hi"}"""]),
            new("messages[0].role", FieldKind.Choice, "{" + Model + ""","messages":[{"role":§,"content":"Hi"}]}""", "\"user\"", true,
                ["\"wizard\"", "\"\""]),
            new("messages[0].content", FieldKind.TextOrArray, "{" + Model + ""","messages":[{"role":"user","content":§}]}""", "\"Hi\"", true,
                [
                    "[]", "[1,2]", "[{}]", """[{"type":"text"}]""", """[{"type":"text","text":5}]""", """[{"type":"image_url"}]""",
                    """[{"type":"image_url","image_url":5}]""", """[{"type":"image_url","image_url":{}}]""", """[{"type":"video","text":"x"}]""",
                ]),
            new("messages[1].tool_calls", FieldKind.Array, ToolExchange("§", "\"call_1\""), ToolCalls("\"{}\""), false,
                ["[{}]", """[{"id":"call_1","type":"function"}]""", """[{"id":"call_1","type":"function","function":{"name":5,"arguments":"{}"}}]"""]),
            new("messages[1].tool_calls[0].function.arguments", FieldKind.Text, ToolExchange(ToolCalls("§"), "\"call_1\""), "\"{}\"", true, []),
            new("messages[2].tool_call_id", FieldKind.Text, ToolExchange(ToolCalls("\"{}\""), "§"), "\"call_1\"", true, []),
            ChatField("stream", FieldKind.Boolean, "false"),
            ChatField("max_tokens", FieldKind.Integer, "16", "0", "-1", "10000000"),
            ChatField("max_completion_tokens", FieldKind.Integer, "16", "0", "-1", "10000000"),
            ChatField("temperature", FieldKind.Number, "0.5", "2.5", "-0.1"),
            ChatField("top_p", FieldKind.Number, "0.9", "1.5", "-0.5"),
            ChatField("frequency_penalty", FieldKind.Number, "0.5", "2.5", "-3"),
            ChatField("presence_penalty", FieldKind.Number, "0.5", "3", "-2.5"),
            ChatField("n", FieldKind.Integer, "1", "2", "0", "-1"),
            ChatField("seed", FieldKind.Integer, "42"),
            ChatField("stop", FieldKind.TextOrArray, "[\"END\"]", "[1]", """["a","b","c","d","e"]""", "[null]", "[[]]"),
            ChatField("user", FieldKind.Text, "\"fuzz\""),
            ChatField("service_tier", FieldKind.Choice, "\"on_demand\"", "\"fastest\"", "\"\""),
            ChatField("response_format", FieldKind.Object, """{"type":"text"}""",
                "{}", """{"type":"xml"}""", """{"type":"json_schema"}""", """{"type":"json_schema","json_schema":"x"}""", """{"type":"json_schema","json_schema":{"schema":5}}"""),
            new("response_format.type", FieldKind.Choice, "{" + ChatBase + ",\"response_format\":{\"type\":§}}", "\"text\"", true, ["\"xml\"", "\"\""]),
            ChatField("tools", FieldKind.Array, ToolList,
                "[1]", "[{}]", """[{"type":"function"}]""", """[{"type":"function","function":{}}]""", """[{"type":"function","function":{"name":5}}]""",
                """[{"type":"function","function":{"name":"f","parameters":"x"}}]""", ManyTools(129)),
            new("tools[0].function.name", FieldKind.Text, "{" + ChatBase + ""","tools":[{"type":"function","function":{"name":§}}]}""", "\"get_weather\"", true, []),
            new("tool_choice", FieldKind.ChoiceOrObject, "{" + ChatBase + "," + Tools + ",\"tool_choice\":§}", "\"auto\"", false,
                ["\"sometimes\"", "{}", """{"type":"function"}""", """{"type":"function","function":{"name":5}}""", """{"type":"function","function":{"name":"missing"}}"""]),
            new("parallel_tool_calls", FieldKind.Boolean, "{" + ChatBase + "," + Tools + ",\"parallel_tool_calls\":§}", "true", false, []),
            new("stream_options", FieldKind.Object, "{" + ChatBase + ",\"stream\":true,\"stream_options\":§}", """{"include_usage":true}""", false,
                ["""{"include_usage":"yes"}"""]),
            ChatField("logprobs", FieldKind.Boolean, "false", "true"),
            ChatField("top_logprobs", FieldKind.Integer, "null", "5"),
            ChatField("logit_bias", FieldKind.Object, "null", """{"1":1}"""),
            ReasoningField("reasoning_effort", FieldKind.Choice, "\"low\"", "\"extreme\""),
            ReasoningField("reasoning_format", FieldKind.Choice, "\"parsed\"", "\"verbose\""),
            ReasoningField("include_reasoning", FieldKind.Boolean, "true"),
            ChatField("metadata", FieldKind.Object, "null"),
            ChatField("store", FieldKind.Boolean, "false"),
        ]);

    public static JsonRoute ConversationCreate { get; } = new(
        "conversation-create",
        ["v1/conversations", "openai/v1/conversations"],
        """{"model":"speed","system":"You are terse."}""",
        [
            new("model", FieldKind.Choice, """{"model":§,"system":"You are terse."}""", "\"speed\"", false,
                ["\"no-such-model\"", "\"" + FuzzUpstream.AudioModel + "\"", "\"\""]),
            new("system", FieldKind.Text, """{"model":"speed","system":§}""", "\"You are terse.\"", false, []),
            new("metadata", FieldKind.Object, """{"model":"speed","metadata":§}""", """{"team":"fuzz"}""", false, []),
        ]);

    public static JsonRoute ConversationMessage { get; } = new(
        "conversation-message",
        ["v1/conversations/" + ConversationPick.Placeholder + "/messages", "openai/v1/conversations/" + ConversationPick.Placeholder + "/messages"],
        """{"content":"Hi there.","max_tokens":16}""",
        [
            new("content", FieldKind.TextOrArray, """{"content":§,"max_tokens":16}""", "\"Hi there.\"", true,
                ["\"\"", "[]", "[1,2]", "[{}]", """[{"type":"text"}]""", """[{"type":"text","text":5}]""", """[{"type":"image_url","image_url":5}]"""]),
            new("role", FieldKind.Choice, """{"role":§,"content":"Hi there.","max_tokens":16}""", "\"user\"", false, ["\"assistant\"", "\"system\"", "\"wizard\""]),
            new("max_tokens", FieldKind.Integer, """{"content":"Hi there.","max_tokens":§}""", "16", false, ["0", "-1", "10000000"]),
            new("stream", FieldKind.Boolean, """{"content":"Hi there.","max_tokens":16,"stream":§}""", "false", false, []),
            new("tool_call_id", FieldKind.Text, """{"role":"tool","content":"Sunny.","tool_call_id":§}""", "\"call_1\"", true, []),
            new("temperature", FieldKind.Number, """{"content":"Hi there.","max_tokens":16,"temperature":§}""", "0.5", false, ["2.5", "-1"]),
            new("top_p", FieldKind.Number, """{"content":"Hi there.","max_tokens":16,"top_p":§}""", "0.9", false, ["1.5", "-0.5"]),
        ]);

    public static JsonRoute Extract { get; } = new(
        "extract",
        ["openai/v1/extract", "v1/extract"],
        ExtractBody("\"Ada Lovelace was born in 1815 in London.\"", PersonSchema, "\"" + FuzzUpstream.ChatModel + "\""),
        [
            new("text", FieldKind.Text, ExtractBody("§", PersonSchema, "null"), "\"Ada Lovelace was born in 1815.\"", true, ["\"\""]),
            new("schema", FieldKind.Object, ExtractBody("\"Ada Lovelace was born in 1815.\"", "§", "null"), PersonSchema, true,
                ["""{"type":"banana"}""", """{"type":"object","properties":5}""", """{"type":"object","required":"name"}"""]),
            new("model", FieldKind.Choice, ExtractBody("\"Ada Lovelace was born in 1815.\"", PersonSchema, "§"), "\"" + FuzzUpstream.ChatModel + "\"", false,
                ["\"no-such-model\"", "\"" + FuzzUpstream.AudioModel + "\"", "\"\""]),
            new("instructions", FieldKind.Text,
                "{\"text\":\"Ada Lovelace was born in 1815.\",\"schema\":" + PersonSchema + ",\"instructions\":§}",
                "\"Full names only.\"", false, []),
        ]);

    /// <summary>A valid tool call and its result, as an SDK sends the turn after a tool ran.</summary>
    public static string ToolExchangeBody { get; } = ToolExchange(ToolCalls("\"{\\\"city\\\":\\\"Oslo\\\"}\""), "\"call_1\"");

    /// <summary>Every JSON route, for mutations that apply to any body.</summary>
    public static IReadOnlyList<JsonRoute> All { get; } = [Chat, ConversationCreate, ConversationMessage, Extract];

    private const string PersonSchema = """{"type":"object","properties":{"name":{"type":"string"},"born":{"type":"integer"}},"required":["name"]}""";

    private static string ExtractBody(string text, string schema, string model) => $$"""{"text":{{text}},"schema":{{schema}},"model":{{model}}}""";

    /// <summary>A valid chat body with the members of <paramref name="members"/> (a JSON object) added after the model, max_tokens and one user message.</summary>
    public static string ChatWith(string members) => "{" + ChatBase + "," + members[1..^1] + "}";

    private static JsonSlot ChatField(string name, FieldKind kind, string valid, params string[] outOfRange) =>
        new(name, kind, "{" + ChatBase + ",\"" + name + "\":§}", valid, false, outOfRange);

    private static JsonSlot ReasoningField(string name, FieldKind kind, string valid, params string[] outOfRange) =>
        new(name, kind, "{\"model\":\"" + FuzzUpstream.ReasoningModel + "\",\"max_tokens\":64," + OneMessage + ",\"" + name + "\":§}", valid, false, outOfRange);

    private static string ToolCalls(string arguments) =>
        """[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":""" + arguments + "}}]";

    /// <summary>A user's question, the assistant's call of a tool, and the tool's result.</summary>
    private static string ToolExchange(string toolCalls, string toolCallId) =>
        "{" + Model + ",\"max_tokens\":16," + Tools +
        ""","messages":[{"role":"user","content":"Weather in Oslo?"},{"role":"assistant","content":null,"tool_calls":""" + toolCalls +
        """},{"role":"tool","tool_call_id":""" + toolCallId + ",\"content\":\"Sunny.\"}]}";

    private static string ManyTools(int count) =>
        "[" + string.Join(",", Enumerable.Range(0, count).Select(i => $$$"""{"type":"function","function":{"name":"tool_{{{i}}}"}}""")) + "]";
}
