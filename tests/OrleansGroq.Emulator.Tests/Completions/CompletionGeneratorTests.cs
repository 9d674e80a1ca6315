using System.Text;
using System.Text.Json;
using OrleansGroq.Emulator.Completions;
using OrleansGroq.Emulator.Configuration;
using OrleansGroq.Emulator.Models;

namespace OrleansGroq.Emulator.Tests.Completions;

public sealed class CompletionGeneratorTests
{
    private static readonly ModelCatalog Catalog = new(DefaultCatalog.Get());
    private readonly CompletionGenerator _generator = new(naturalLength: 32);

    private static ChatRequest Request(string model = "llama-3.1-8b-instant", string content = "Tell me a story", string extra = "") =>
        ChatRequestParser.Parse(
            Encoding.UTF8.GetBytes($$"""{"model":"{{model}}","messages":[{"role":"user","content":"{{content}}"}]{{extra}}}"""),
            Catalog).Request!;

    private static string Text(WordRun run)
    {
        var buffer = new byte[run.MaxBytes];
        return Encoding.UTF8.GetString(buffer, 0, run.WriteTo(buffer));
    }

    [Fact]
    public void The_same_request_gets_the_same_words()
    {
        var first = Text(_generator.Generate(Request()).Content);
        var second = Text(_generator.Generate(Request()).Content);

        Assert.Equal(first, second);
        Assert.NotEqual(first, Text(_generator.Generate(Request(content: "Tell me another story")).Content));
        Assert.NotEqual(first, Text(_generator.Generate(Request(extra: ",\"seed\":42")).Content));
        Assert.NotEqual(first, Text(_generator.Generate(Request(model: "llama-3.3-70b-versatile")).Content));
    }

    [Fact]
    public void Natural_length_is_one_token_per_word_ending_in_a_full_stop()
    {
        var completion = _generator.Generate(Request());
        var text = Text(completion.Content);

        Assert.Equal("stop", completion.FinishReason);
        Assert.Equal(32, completion.CompletionTokens);
        Assert.Equal(32, text.Split(' ').Length);
        Assert.True(char.IsUpper(text[0]));
        Assert.EndsWith(".", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Max_tokens_cuts_the_answer_with_finish_reason_length()
    {
        var completion = _generator.Generate(Request(extra: ",\"max_tokens\":5"));
        var text = Text(completion.Content);

        Assert.Equal("length", completion.FinishReason);
        Assert.Equal(5, completion.CompletionTokens);
        Assert.Equal(5, text.Split(' ').Length);
        Assert.StartsWith(text, Text(_generator.Generate(Request()).Content), StringComparison.Ordinal);
    }

    [Fact]
    public void Max_tokens_above_the_natural_length_changes_nothing() =>
        Assert.Equal("stop", _generator.Generate(Request(extra: ",\"max_completion_tokens\":1000")).FinishReason);

    [Fact]
    public void Reasoning_models_reason_first_and_count_it()
    {
        var completion = _generator.Generate(Request(model: "openai/gpt-oss-20b"));

        Assert.Equal(16, completion.Reasoning.Count);
        Assert.Equal(48, completion.CompletionTokens);
        Assert.Equal(ReasoningFormat.Parsed, completion.ReasoningFormat);
        Assert.True(completion.ShowsReasoning);
    }

    [Fact]
    public void Reasoning_can_be_hidden_raw_or_off()
    {
        Assert.Equal(ReasoningFormat.Hidden, _generator.Generate(Request(model: "qwen/qwen3-32b", extra: ",\"reasoning_format\":\"hidden\"")).ReasoningFormat);
        Assert.Equal(ReasoningFormat.Hidden, _generator.Generate(Request(model: "openai/gpt-oss-20b", extra: ",\"include_reasoning\":false")).ReasoningFormat);
        Assert.Equal(ReasoningFormat.Raw, _generator.Generate(Request(model: "qwen/qwen3-32b", extra: ",\"reasoning_format\":\"raw\"")).ReasoningFormat);
        Assert.Equal(0, _generator.Generate(Request(model: "qwen/qwen3-32b", extra: ",\"reasoning_effort\":\"none\"")).Reasoning.Count);
    }

    [Fact]
    public void Max_tokens_cuts_reasoning_before_content()
    {
        var completion = _generator.Generate(Request(model: "openai/gpt-oss-20b", extra: ",\"max_tokens\":10"));

        Assert.Equal(10, completion.Reasoning.Count);
        Assert.Equal(0, completion.Content.Count);
        Assert.Equal("length", completion.FinishReason);
    }

    [Fact]
    public void Tools_are_called_unless_the_last_message_is_a_tool_result()
    {
        const string Tools = ",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"lookup\",\"parameters\":{\"type\":\"object\",\"properties\":{\"q\":{\"type\":\"string\"}},\"required\":[\"q\"]}}}]";
        var call = _generator.Generate(Request(extra: Tools));

        Assert.Equal("tool_calls", call.FinishReason);
        Assert.Equal("lookup", call.ToolCall!.Name);
        Assert.Equal(9, call.ToolCall.Id.Length);
        Assert.Equal(JsonValueKind.String, JsonDocument.Parse(call.ToolCall.Arguments).RootElement.GetProperty("q").ValueKind);

        var afterResult = ChatRequestParser.Parse(
            Encoding.UTF8.GetBytes($$"""{"model":"llama-3.1-8b-instant","messages":[{"role":"user","content":"q"},{"role":"assistant","tool_calls":[]},{"role":"tool","tool_call_id":"x","content":"42"}]{{Tools}}}"""),
            Catalog).Request!;
        Assert.Null(_generator.Generate(afterResult).ToolCall);
        Assert.NotNull(_generator.Generate(afterResult with { ToolChoice = ToolChoice.Required }).ToolCall);
        Assert.Null(_generator.Generate(Request(extra: Tools + ",\"tool_choice\":\"none\"")).ToolCall);
    }

    [Fact]
    public void Json_object_mode_answers_a_json_object()
    {
        var completion = _generator.Generate(Request(extra: ",\"response_format\":{\"type\":\"json_object\"}"));

        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(completion.Json!).RootElement.ValueKind);
        Assert.Equal(TokenEstimator.ForText(completion.Json!), completion.CompletionTokens);
    }

    [Fact]
    public void Json_cut_by_max_tokens_becomes_a_failed_generation()
    {
        var completion = _generator.Generate(Request(extra: ",\"max_tokens\":3,\"response_format\":{\"type\":\"json_object\"}"));

        Assert.Null(completion.Json);
        Assert.Equal(12, completion.FailedGeneration!.Length);
    }
}
