using System.Text;
using OrleansGroq.Emulator.Completions;
using OrleansGroq.Emulator.Configuration;
using OrleansGroq.Emulator.Http;
using OrleansGroq.Emulator.Models;

namespace OrleansGroq.Emulator.Tests.Completions;

public sealed class ChatRequestValidatorTests
{
    private static readonly ModelCatalog Catalog = new(DefaultCatalog.Get());

    private static GroqError? Validate(string model, string extra) =>
        ChatRequestValidator.Validate(ChatRequestParser.Parse(
            Encoding.UTF8.GetBytes($$"""{"model":"{{model}}","messages":[{"role":"user","content":"hi"}]{{extra}}}"""),
            Catalog).Request!);

    [Fact]
    public void Accepts_a_plain_request() => Assert.Null(Validate("llama-3.1-8b-instant", ""));

    [Fact]
    public void Prompt_plus_max_tokens_beyond_the_window_is_context_length_exceeded()
    {
        var error = Validate("llama-3.3-70b-versatile", ",\"max_tokens\":32768");
        Assert.Null(error);

        var catalog = new ModelCatalog([new ModelOptions { Id = "tiny", ContextWindow = 20, MaxCompletionTokens = 20, Speed = 100 }]);
        var request = ChatRequestParser.Parse("""{"model":"tiny","max_tokens":15,"messages":[{"role":"user","content":"hi"}]}"""u8, catalog).Request!;
        var exceeded = ChatRequestValidator.Validate(request)!;

        Assert.Equal("context_length_exceeded", exceeded.Code);
        Assert.Equal("messages", exceeded.Param);
        Assert.Equal("Please reduce the length of the messages or completion.", exceeded.Message);
    }

    [Fact]
    public void Max_tokens_above_the_model_maximum_is_refused() =>
        Assert.Equal("max_tokens", Validate("llama-3.3-70b-versatile", ",\"max_tokens\":40000")!.Param);

    [Fact]
    public void Strict_schema_needs_a_strict_model()
    {
        const string Strict = ",\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"x\",\"strict\":true,\"schema\":{\"type\":\"object\"}}}";

        Assert.Null(Validate("openai/gpt-oss-20b", Strict));
        Assert.Equal("response_format", Validate("llama-3.1-8b-instant", Strict)!.Param);
    }

    [Fact]
    public void Raw_reasoning_does_not_combine_with_json_or_tools()
    {
        Assert.Null(Validate("qwen/qwen3-32b", ",\"reasoning_format\":\"raw\""));
        Assert.Equal("reasoning_format", Validate("qwen/qwen3-32b", ",\"reasoning_format\":\"raw\",\"response_format\":{\"type\":\"json_object\"}")!.Param);
        Assert.Equal("reasoning_format", Validate("qwen/qwen3-32b", ",\"reasoning_format\":\"raw\",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}]")!.Param);
    }

    [Fact]
    public void Include_reasoning_and_reasoning_format_are_exclusive() =>
        Assert.Equal(
            "`include_reasoning` and `reasoning_format` cannot be used together",
            Validate("openai/gpt-oss-20b", ",\"include_reasoning\":true,\"reasoning_format\":\"parsed\"")!.Message);

    [Fact]
    public void Reasoning_fields_need_a_reasoning_model() =>
        Assert.Equal("`reasoning_format` is not supported with this model", Validate("llama-3.1-8b-instant", ",\"reasoning_format\":\"parsed\"")!.Message);

    [Fact]
    public void A_named_tool_must_exist() =>
        Assert.Equal("tool_choice", Validate("llama-3.1-8b-instant", ",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}],\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"g\"}}")!.Param);

    [Fact]
    public void Audio_models_do_not_chat() => Assert.Equal("model", Validate("whisper-large-v3", "")!.Param);
}
