namespace OrleansGroq.Abstractions.Conversations;

/// <summary>What a completed turn changes on the conversation's header besides its messages.</summary>
/// <param name="KeyAlias">The key now pinned (the one that served the turn).</param>
/// <param name="KeyRotated">Whether that key replaced the previously pinned one.</param>
/// <param name="CachedTokens">Cached prompt tokens Groq reported for the turn, added to the running total.</param>
public sealed record ConversationChanges(string? KeyAlias, bool KeyRotated, long CachedTokens);
