using System.Text.Json;

namespace OrleansGroq.Grains.Chat;

/// <summary>
/// Validates a chat completion body and extracts <see cref="ChatRequest"/> in a single forward pass over the client's
/// bytes, so that bad input is refused here, at no cost to anyone else, rather than by Groq. Every field Groq documents
/// is held to Groq's rules (<see cref="ChatFieldRules"/>); fields it does not document pass through untouched, so a
/// field Groq adds tomorrow works at once.
/// </summary>
public static class ChatRequestReader
{
    public static bool TryRead(ReadOnlySpan<byte> body, out ChatRequest request, out ChatRequestError error)
    {
        request = null!;
        if (JsonText.Check(body) is { } undecodable)
        {
            error = undecodable;
            return false;
        }

        var reader = new Utf8JsonReader(body, JsonText.ReaderOptions);
        var draft = default(ChatRequestDraft);
        try
        {
            error = ReadObject(ref reader, ref draft)!;
        }
        catch (JsonException)
        {
            error = JsonText.Unreadable(body, reader);
        }

        if (error is not null || (error = Complete(draft)!) is not null)
        {
            return false;
        }

        request = new ChatRequest
        {
            Model = draft.Model!,
            ModelValueRange = draft.ModelValueRange,
            Stream = draft.Stream,
            MaxTokens = draft.MaxTokens,
            MaxTokensParam = draft.MaxTokensIsCompletion ? "max_completion_tokens" : "max_tokens",
            Temperature = draft.Temperature,
            User = draft.User,
            MessageCount = draft.Messages.Count,
            PromptCharacters = draft.Messages.Characters,
            HasTools = draft.HasTools,
            ResponseFormat = draft.ResponseFormat,
            HasReasoningOptions = draft.HasReasoningFormat || draft.HasReasoningEffort || draft.HasIncludeReasoning,
            ServiceTier = draft.ServiceTier,
            HasImages = draft.Messages.HasImages,
        };
        return true;
    }

    /// <summary>Reads a body that must be one JSON object, each property held to its field's rules.</summary>
    private static ChatRequestError? ReadObject(ref Utf8JsonReader reader, ref ChatRequestDraft draft)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return ChatRequestErrors.NotAnObject();
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = PropertyNames.Chat(ref reader);
            reader.Read();
            if (ChatFieldRules.Read(field, ref reader, ref draft) is { } error)
            {
                return error;
            }
        }

        return reader.Read() ? ChatRequestErrors.InvalidJson() : null;
    }

    // The checks that need the whole body: required fields, and fields that exclude each other.
    private static ChatRequestError? Complete(in ChatRequestDraft draft) =>
        string.IsNullOrEmpty(draft.Model) ? ChatRequestErrors.Missing("model")
        : !draft.HasMessages ? ChatRequestErrors.Missing("messages")
        : draft.HasReasoningFormat && draft.HasIncludeReasoning ? ChatRequestErrors.Conflict("include_reasoning", "reasoning_format")
        : draft.ChosenFunction is { } chosen && draft.FunctionNames?.Contains(chosen, StringComparer.Ordinal) != true
            ? ChatRequestErrors.NotAllowedHere("tool_choice", $"it names function `{EchoText.Truncate(chosen)}`, which is not in `tools`.")
        : null;
}
