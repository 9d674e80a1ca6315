namespace OrleansGroq.Emulator.Completions;

/// <summary>
/// A generated answer. Text is held as <see cref="WordRun"/>s and written when sent; JSON modes
/// hold the JSON text; a tool call replaces the content.
/// </summary>
internal sealed record Completion
{
    public required WordRun Reasoning { get; init; }

    /// <summary>Where reasoning goes; <see cref="ReasoningFormat.Hidden"/> for models without reasoning.</summary>
    public required ReasoningFormat ReasoningFormat { get; init; }

    public WordRun Content { get; init; }

    /// <summary>The content in JSON modes, instead of <see cref="Content"/>.</summary>
    public string? Json { get; init; }

    public ToolCall? ToolCall { get; init; }

    public required string FinishReason { get; init; }

    public required int CompletionTokens { get; init; }

    /// <summary>Set when JSON mode ran out of tokens: Groq answers 400 <c>json_validate_failed</c> with this text.</summary>
    public string? FailedGeneration { get; init; }

    public bool ShowsReasoning => Reasoning.Count > 0 && ReasoningFormat != ReasoningFormat.Hidden;
}
