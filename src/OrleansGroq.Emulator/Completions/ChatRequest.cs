using OrleansGroq.Emulator.Models;

namespace OrleansGroq.Emulator.Completions;

/// <summary>What the emulator needs from a chat completion request; the body itself is not kept.</summary>
internal sealed record ChatRequest
{
    public required ModelInfo Model { get; init; }

    /// <summary>Hash and token count of every message prefix, for prompt caching.</summary>
    public required PromptPrefix[] Prefixes { get; init; }

    public required int PromptTokens { get; init; }

    /// <summary>Hash of model, messages, tools and seed: equal requests get equal completions.</summary>
    public required ulong ContentHash { get; init; }

    public required string LastRole { get; init; }

    public bool Stream { get; init; }

    public bool IncludeUsage { get; init; }

    /// <summary><c>max_completion_tokens</c>, else <c>max_tokens</c>.</summary>
    public int? MaxTokens { get; init; }

    public long? Seed { get; init; }

    public IReadOnlyList<ToolDefinition> Tools { get; init; } = [];

    public ToolChoice ToolChoice { get; init; } = ToolChoice.Auto;

    public ResponseFormat ResponseFormat { get; init; } = ResponseFormat.Text;

    public ReasoningFormat? ReasoningFormat { get; init; }

    public bool? IncludeReasoning { get; init; }

    public string? ReasoningEffort { get; init; }

    public string ServiceTier { get; init; } = ServiceTiers.OnDemand;
}
