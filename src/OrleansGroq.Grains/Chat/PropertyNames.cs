using System.Text.Json;

namespace OrleansGroq.Grains.Chat;

/// <summary>
/// Names properties as Groq will read them: <c>"temp\u0065rature"</c> is <c>temperature</c>, so an escaped name
/// cannot slip a field past the checks (<see cref="Utf8JsonReader.ValueTextEquals(ReadOnlySpan{byte})"/> unescapes, and
/// only names that are escaped).
/// </summary>
internal static class PropertyNames
{
    private static readonly (byte[] Name, ChatField Field)[] Fields =
    [
        ("model"u8.ToArray(), ChatField.Model),
        ("messages"u8.ToArray(), ChatField.Messages),
        ("stream"u8.ToArray(), ChatField.Stream),
        ("stream_options"u8.ToArray(), ChatField.StreamOptions),
        ("max_tokens"u8.ToArray(), ChatField.MaxTokens),
        ("max_completion_tokens"u8.ToArray(), ChatField.MaxCompletionTokens),
        ("temperature"u8.ToArray(), ChatField.Temperature),
        ("top_p"u8.ToArray(), ChatField.TopP),
        ("frequency_penalty"u8.ToArray(), ChatField.FrequencyPenalty),
        ("presence_penalty"u8.ToArray(), ChatField.PresencePenalty),
        ("n"u8.ToArray(), ChatField.N),
        ("stop"u8.ToArray(), ChatField.Stop),
        ("seed"u8.ToArray(), ChatField.Seed),
        ("user"u8.ToArray(), ChatField.User),
        ("service_tier"u8.ToArray(), ChatField.ServiceTier),
        ("response_format"u8.ToArray(), ChatField.ResponseFormat),
        ("tools"u8.ToArray(), ChatField.Tools),
        ("tool_choice"u8.ToArray(), ChatField.ToolChoice),
        ("parallel_tool_calls"u8.ToArray(), ChatField.ParallelToolCalls),
        ("functions"u8.ToArray(), ChatField.Functions),
        ("function_call"u8.ToArray(), ChatField.FunctionCall),
        ("reasoning_format"u8.ToArray(), ChatField.ReasoningFormat),
        ("reasoning_effort"u8.ToArray(), ChatField.ReasoningEffort),
        ("include_reasoning"u8.ToArray(), ChatField.IncludeReasoning),
        ("logprobs"u8.ToArray(), ChatField.Logprobs),
        ("top_logprobs"u8.ToArray(), ChatField.TopLogprobs),
        ("logit_bias"u8.ToArray(), ChatField.LogitBias),
        ("metadata"u8.ToArray(), ChatField.Metadata),
        ("store"u8.ToArray(), ChatField.Store),
        ("search_settings"u8.ToArray(), ChatField.SearchSettings),
        ("compound_custom"u8.ToArray(), ChatField.CompoundCustom),
        ("documents"u8.ToArray(), ChatField.Documents),
        ("citation_options"u8.ToArray(), ChatField.CitationOptions),
        ("disable_tool_validation"u8.ToArray(), ChatField.DisableToolValidation),
        ("exclude_domains"u8.ToArray(), ChatField.ExcludeDomains),
        ("include_domains"u8.ToArray(), ChatField.IncludeDomains),
    ];

    private static readonly (byte[] Name, MessageField Field)[] MessageFields =
    [
        ("role"u8.ToArray(), MessageField.Role),
        ("content"u8.ToArray(), MessageField.Content),
        ("tool_calls"u8.ToArray(), MessageField.ToolCalls),
        ("tool_call_id"u8.ToArray(), MessageField.ToolCallId),
        ("name"u8.ToArray(), MessageField.Name),
        ("reasoning"u8.ToArray(), MessageField.Reasoning),
        ("function_call"u8.ToArray(), MessageField.FunctionCall),
    ];

    /// <summary>The chat field named by the property under the reader.</summary>
    public static ChatField Chat(ref Utf8JsonReader reader) => Find(Fields, ref reader);

    /// <summary>The message field named by the property under the reader.</summary>
    public static MessageField Message(ref Utf8JsonReader reader) => Find(MessageFields, ref reader);

    private static T Find<T>((byte[] Name, T Field)[] table, ref Utf8JsonReader reader)
        where T : struct, Enum
    {
        foreach (var (known, field) in table)
        {
            if (reader.ValueTextEquals(known))
            {
                return field;
            }
        }

        return default;
    }
}
