using OrleansGroq.Emulator.Http;

namespace OrleansGroq.Emulator.Completions;

/// <summary>The checks that depend on the model: limits of its window, and which features it has.</summary>
internal static class ChatRequestValidator
{
    public static GroqError? Validate(ChatRequest request)
    {
        var model = request.Model;
        var options = model.Options;
        if (model.Audio)
        {
            return GroqErrors.Invalid($"The model `{model.Id}` does not support chat completions.", "model");
        }

        if (request.MaxTokens > options.MaxCompletionTokens)
        {
            return GroqErrors.Invalid(
                $"`max_tokens` must be less than or equal to `{options.MaxCompletionTokens}`, the maximum value for `max_tokens` is less than the `context_window` for this model",
                "max_tokens");
        }

        if ((long)request.PromptTokens + (request.MaxTokens ?? 0) > options.ContextWindow)
        {
            return GroqErrors.ContextLengthExceeded;
        }

        if (request.ResponseFormat is { Kind: ResponseFormatKind.JsonSchema, Strict: true } && !options.StrictJson)
        {
            return GroqErrors.Invalid($"`json_schema` with `strict: true` is not supported with model `{model.Id}`", "response_format");
        }

        if (request.ToolChoice is { Mode: ToolChoiceMode.Named, Name: var name } && !request.Tools.Any(t => t.Name == name))
        {
            return GroqErrors.Invalid($"`tool_choice` names function `{name}`, which is not in `tools`", "tool_choice");
        }

        return ValidateReasoning(request);
    }

    private static GroqError? ValidateReasoning(ChatRequest request)
    {
        if (request.ReasoningFormat is null && request.IncludeReasoning is null)
        {
            return null;
        }

        if (!request.Model.Reasoning)
        {
            var field = request.ReasoningFormat is not null ? "reasoning_format" : "include_reasoning";
            return GroqErrors.Invalid($"`{field}` is not supported with this model", field);
        }

        if (request.ReasoningFormat is not null && request.IncludeReasoning is not null)
        {
            return GroqErrors.Invalid("`include_reasoning` and `reasoning_format` cannot be used together", "include_reasoning");
        }

        var usesTools = request.Tools.Count > 0 && request.ToolChoice.Mode != ToolChoiceMode.None;
        if (request.ReasoningFormat == ReasoningFormat.Raw && (request.ResponseFormat.IsJson || usesTools))
        {
            return GroqErrors.Invalid("`reasoning_format` `raw` is not supported with JSON mode or tool calling; use `parsed` or `hidden`", "reasoning_format");
        }

        return null;
    }
}
