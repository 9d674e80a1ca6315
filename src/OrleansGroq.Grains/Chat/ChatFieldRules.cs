using System.Text.Json;

namespace OrleansGroq.Grains.Chat;

/// <summary>
/// Groq's rules for each documented top-level field of a chat body: its type, its range, its values, and the fields
/// Groq refuses outright. A conversation turn's extra fields are held to the same rules.
/// </summary>
internal static class ChatFieldRules
{
    private static readonly AllowedValues ServiceTiers = new("auto", "on_demand", "flex", "performance");
    private static readonly AllowedValues ReasoningFormats = new("hidden", "raw", "parsed");
    private static readonly AllowedValues ReasoningEfforts = new("none", "default", "low", "medium", "high");
    private static readonly AllowedValues CitationOptions = new("enabled", "disabled");

    /// <summary>Stop sequences Groq takes at most.</summary>
    private const int MaxStopSequences = 4;

    /// <summary>Top log probabilities OpenAI's schema allows; Groq refuses any, but a wrong value is named as such first.</summary>
    private const int MaxTopLogprobs = 20;

    /// <summary>Checks the value of <paramref name="field"/> under the reader and records what routing needs in <paramref name="draft"/>.</summary>
    public static ChatRequestError? Read(ChatField field, ref Utf8JsonReader reader, ref ChatRequestDraft draft)
    {
        switch (field)
        {
            case ChatField.Model:
                return ReadModel(ref reader, ref draft);
            case ChatField.Messages:
                draft.HasMessages = true;
                return MessageTally.Read(ref reader, ref draft.Messages);
            case ChatField.Stream:
                draft.Stream = reader.TokenType == JsonTokenType.True;
                return At(JsonRules.Boolean(ref reader), "stream");
            case ChatField.StreamOptions:
                return ReadStreamOptions(ref reader);
            case ChatField.MaxTokens or ChatField.MaxCompletionTokens:
                return ReadMaxTokens(field == ChatField.MaxCompletionTokens, ref reader, ref draft);
            case ChatField.Temperature:
                return At(JsonRules.Number(ref reader, 0, 2, out draft.Temperature), "temperature");
            case ChatField.TopP:
                return At(JsonRules.Number(ref reader, 0, 1, out _), "top_p");
            case ChatField.FrequencyPenalty:
                return At(JsonRules.Number(ref reader, -2, 2, out _), "frequency_penalty");
            case ChatField.PresencePenalty:
                return At(JsonRules.Number(ref reader, -2, 2, out _), "presence_penalty");
            case ChatField.N:
                return At(JsonRules.Integer(ref reader, 1, 1, out _), "n");
            case ChatField.Stop:
                return At(reader.TokenType == JsonTokenType.String ? default : JsonRules.Strings(ref reader, MaxStopSequences), "stop");
            case ChatField.Seed:
                return At(JsonRules.Integer(ref reader, long.MinValue, long.MaxValue, out _), "seed");
            case ChatField.User:
                draft.User = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                return At(JsonRules.String(ref reader), "user");
            case ChatField.ServiceTier:
                var tier = JsonRules.OneOf(ref reader, ServiceTiers, out var tierIndex);
                draft.ServiceTier = tierIndex >= 0 ? ServiceTiers[tierIndex] : null;
                return At(tier, "service_tier");
            case ChatField.ResponseFormat:
                return ResponseFormatReader.Read(ref reader, out draft.ResponseFormat);
            case ChatField.Tools:
                return ToolsReader.ReadTools(ref reader, out draft.HasTools, out draft.FunctionNames);
            case ChatField.ToolChoice:
                return ToolsReader.ReadToolChoice(ref reader, out draft.ChosenFunction);
            case ChatField.ParallelToolCalls:
                return At(JsonRules.Boolean(ref reader), "parallel_tool_calls");
            case ChatField.Functions:
                return ToolsReader.ReadFunctions(ref reader);
            case ChatField.FunctionCall:
                return ToolsReader.ReadFunctionCall(ref reader);
            default:
                return ReadGroqFields(field, ref reader, ref draft);
        }
    }

    private static ChatRequestError? ReadGroqFields(ChatField field, ref Utf8JsonReader reader, ref ChatRequestDraft draft)
    {
        var isSet = reader.TokenType != JsonTokenType.Null;
        switch (field)
        {
            case ChatField.ReasoningFormat:
                draft.HasReasoningFormat = isSet;
                return At(JsonRules.OneOf(ref reader, ReasoningFormats, out _), "reasoning_format");
            case ChatField.ReasoningEffort:
                draft.HasReasoningEffort = isSet;
                return At(JsonRules.OneOf(ref reader, ReasoningEfforts, out _), "reasoning_effort");
            case ChatField.IncludeReasoning:
                draft.HasIncludeReasoning = isSet;
                return At(JsonRules.Boolean(ref reader), "include_reasoning");
            case ChatField.Logprobs:
                var logprobs = At(JsonRules.Boolean(ref reader), "logprobs");
                return logprobs ?? (reader.TokenType == JsonTokenType.True ? ChatRequestErrors.Unsupported("logprobs") : null);
            case ChatField.TopLogprobs:
                return At(JsonRules.Integer(ref reader, 0, MaxTopLogprobs, out _), "top_logprobs")
                    ?? (isSet ? ChatRequestErrors.Unsupported("top_logprobs") : null);
            case ChatField.LogitBias:
                return At(JsonRules.Object(ref reader), "logit_bias") ?? (isSet ? ChatRequestErrors.Unsupported("logit_bias") : null);
            case ChatField.Metadata:
                return At(JsonRules.Object(ref reader), "metadata");
            case ChatField.Store:
                return At(JsonRules.Boolean(ref reader), "store");
            case ChatField.SearchSettings:
                return At(JsonRules.Object(ref reader), "search_settings");
            case ChatField.CompoundCustom:
                return At(JsonRules.Object(ref reader), "compound_custom");
            case ChatField.Documents:
                return At(JsonRules.Array(ref reader), "documents");
            case ChatField.CitationOptions:
                return At(JsonRules.OneOf(ref reader, CitationOptions, out _), "citation_options");
            case ChatField.DisableToolValidation:
                return At(JsonRules.Boolean(ref reader), "disable_tool_validation");
            case ChatField.ExcludeDomains:
                return At(JsonRules.Strings(ref reader), "exclude_domains");
            case ChatField.IncludeDomains:
                return At(JsonRules.Strings(ref reader), "include_domains");
            default:
                // Not documented by Groq (yet): Groq's to judge, so a field it adds tomorrow works at once.
                return Skip(ref reader);
        }
    }

    /// <summary>Skips a value no rule covers.</summary>
    public static ChatRequestError? Skip(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return null;
    }

    /// <summary>The refusal of <paramref name="problem"/> for the field at <paramref name="param"/>, or null when there is none.</summary>
    public static ChatRequestError? At(ValueProblem problem, string param) => problem.Found ? problem.At(param) : null;

    private static ChatRequestError? ReadModel(ref Utf8JsonReader reader, ref ChatRequestDraft draft)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            return reader.TokenType == JsonTokenType.Null ? null : JsonRules.Wrong(ref reader, "a string").At("model");
        }

        draft.Model = reader.GetString();
        var start = (int)reader.TokenStartIndex;
        draft.ModelValueRange = new Range(start, start + reader.ValueSpan.Length + 2);
        return null;
    }

    private static ChatRequestError? ReadMaxTokens(bool completion, ref Utf8JsonReader reader, ref ChatRequestDraft draft)
    {
        var param = completion ? "max_completion_tokens" : "max_tokens";
        if (At(JsonRules.Integer(ref reader, 1, int.MaxValue, out var value), param) is { } error)
        {
            return error;
        }

        if (value is { } tokens && (completion || !draft.MaxTokensIsCompletion))
        {
            (draft.MaxTokens, draft.MaxTokensIsCompletion) = ((int)tokens, completion);
        }

        return null;
    }

    private static ChatRequestError? ReadStreamOptions(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return At(JsonRules.Object(ref reader), "stream_options");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isIncludeUsage = reader.ValueTextEquals("include_usage"u8);
            reader.Read();
            if (isIncludeUsage && At(JsonRules.Boolean(ref reader), "stream_options.include_usage") is { } error)
            {
                return error;
            }

            reader.Skip();
        }

        return null;
    }
}
