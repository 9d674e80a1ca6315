namespace OrleansGroq.Client;

/// <summary>What a new conversation starts with; everything is optional.</summary>
public sealed record ConversationCreateOptions
{
    /// <summary>The model, alias or id; the gateway's <c>Conversations:DefaultModel</c> when not set.</summary>
    public string? Model { get; init; }

    /// <summary>The system prompt every turn starts from.</summary>
    public string? SystemPrompt { get; init; }

    /// <summary>Free-form labels stored with the conversation.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}
