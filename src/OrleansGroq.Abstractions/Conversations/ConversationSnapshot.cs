namespace OrleansGroq.Abstractions.Conversations;

/// <summary>A conversation, all its messages in sequence order and its turns' idempotency keys, as one consistent read.</summary>
public sealed record ConversationSnapshot(StoredConversation Conversation, IReadOnlyList<StoredMessage> Messages, IReadOnlyList<TurnKey> Keys);
