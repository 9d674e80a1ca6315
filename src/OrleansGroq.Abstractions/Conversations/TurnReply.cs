namespace OrleansGroq.Abstractions.Conversations;

/// <param name="AssistantJson">The assistant message as raw JSON, or null when the call produced none.</param>
/// <param name="KeyAlias">The key that served the call.</param>
/// <param name="CachedTokens">Prompt tokens Groq served from its cache.</param>
/// <param name="CompletionTokens">The assistant message's tokens, for later trimming.</param>
[GenerateSerializer, Immutable]
public sealed record TurnReply(string? AssistantJson, string? KeyAlias, long CachedTokens, int CompletionTokens);
