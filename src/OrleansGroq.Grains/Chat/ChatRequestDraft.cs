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

    /// <summary>The functions <c>tools</c> defines, so that a <c>tool_choice</c> naming another is refused here, not by Groq.</summary>
    public List<string>? FunctionNames;

    /// <summary>The function <c>tool_choice</c> forces, if it names one.</summary>
    public string? ChosenFunction;
    public bool HasReasoningFormat;
    public bool HasIncludeReasoning;
    public bool HasReasoningEffort;
    public bool HasMessages;
    public MessageTally Messages;
}
