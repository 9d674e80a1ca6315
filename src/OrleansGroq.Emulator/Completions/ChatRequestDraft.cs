namespace OrleansGroq.Emulator.Completions;

/// <summary>The scalar fields of a request while its body is being read (one struct, no per-field copies).</summary>
internal struct ChatRequestDraft
{
    public bool Stream;
    public bool IncludeUsage;
    public int? MaxTokens;
    public long? Seed;
    public ToolChoice ToolChoice;
    public ResponseFormat ResponseFormat;
    public ReasoningFormat? ReasoningFormat;
    public bool? IncludeReasoning;
    public string? ReasoningEffort;
    public string ServiceTier;

    public static ChatRequestDraft Create() => new()
    {
        ToolChoice = ToolChoice.Auto,
        ResponseFormat = ResponseFormat.Text,
        ServiceTier = ServiceTiers.OnDemand,
    };
}
