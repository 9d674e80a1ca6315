namespace OrleansGroq.Abstractions.Conversations;

/// <summary>A conversation and all its messages, in sequence order, as one consistent read.</summary>
public sealed record ConversationSnapshot(StoredConversation Conversation, IReadOnlyList<StoredMessage> Messages);
