namespace OrleansGroq.Silo.Conversations;

/// <summary>The assistant message a turn produced, normalised for the history, with its usage.</summary>
public sealed record AssistantReply(string Json, int CompletionTokens, long CachedTokens);
