namespace OrleansGroq.Grains.Chat;

/// <summary>What the fields of a chat body said, gathered while they are checked; <see cref="ChatRequest"/> is built from it.</summary>
internal struct ChatRequestDraft
{
    public string? Model;
    public Range ModelValueRange;
    public bool Stream;
    public int? MaxTokens;

    /// <summary>Set once <c>max_completion_tokens</c> is read: it wins over the deprecated <c>max_tokens</c>, as at Groq.</summary>
    public bool MaxTokensIsCompletion;
    public double? Temperature;
    public string? User;
    public string? ServiceTier;
    public ResponseFormatKind ResponseFormat;
    public bool HasTools;
    public bool HasReasoningFormat;
    public bool HasIncludeReasoning;
    public bool HasReasoningEffort;
    public bool HasMessages;
    public MessageTally Messages;
}
