namespace OrleansGroq.Abstractions.Conversations;

/// <summary>A conversation as its tenant may see it.</summary>
public sealed record ConversationView(StoredConversation Conversation, IReadOnlyList<StoredMessage> Messages);
