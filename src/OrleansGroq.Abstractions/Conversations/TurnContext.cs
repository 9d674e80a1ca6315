namespace OrleansGroq.Abstractions.Conversations;

/// <summary>What a turn's LLM call needs from the conversation.</summary>
/// <param name="ConversationId">The conversation.</param>
/// <param name="Model">The model id of this turn: the request's, or the conversation's.</param>
/// <param name="PinnedKey">The key alias the conversation is pinned to, or null before its first turn.</param>
/// <param name="History">The stored messages to send before the new ones, system prompt first, oldest trimmed.</param>
/// <param name="Trimmed">How many stored messages were left out to fit the context window.</param>
/// <param name="Version">The conversation's version when the turn began; the turn is stored as the next one.</param>
[GenerateSerializer, Immutable]
public sealed record TurnContext(string ConversationId, string Model, string? PinnedKey, IReadOnlyList<StoredMessage> History, int Trimmed, long Version);
