namespace OrleansGroq.Grains.Conversations;

/// <summary>The stored form of a conversation's system prompt.</summary>
internal sealed record SystemMessage(string Role, string Content);
