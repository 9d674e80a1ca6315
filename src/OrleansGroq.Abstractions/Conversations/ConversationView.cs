namespace OrleansGroq.Abstractions.Conversations;

/// <summary>A conversation as its tenant may see it.</summary>
[GenerateSerializer, Immutable]
public sealed record ConversationView(StoredConversation Conversation, IReadOnlyList<StoredMessage> Messages);
