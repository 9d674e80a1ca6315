namespace OrleansGroq.Abstractions.Conversations;

/// <summary>
/// Durable conversations: storage only. The conversation's grain orders its turns and keeps its history in memory;
/// the store keeps what the grain wrote, one statement per turn, and the version that statement checks guards
/// against a stale duplicate activation. Implementations: in-memory (one node) and PostgreSQL (a cluster); both pass
/// one contract suite.
/// </summary>
public interface IConversationStore
{
    /// <summary>Stores a new conversation at version 0 with its first messages (e.g. the system prompt).</summary>
    /// <exception cref="InvalidOperationException">A conversation with this id exists.</exception>
    Task CreateAsync(StoredConversation conversation, IReadOnlyList<StoredMessage> messages, CancellationToken cancellationToken);

    /// <summary>Reads a conversation, all its messages and its turns' idempotency keys; null when it does not exist or was deleted.</summary>
    Task<ConversationSnapshot?> LoadAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// Appends <paramref name="messages"/> (their sequences continue the conversation's), applies
    /// <paramref name="changes"/>, increments the version and stores <paramref name="key"/> on the message it names,
    /// all in one statement, provided the version is still <paramref name="expectedVersion"/> and the key is not taken.
    /// </summary>
    Task<AppendStatus> AppendAsync(
        string id, long expectedVersion, IReadOnlyList<StoredMessage> messages, ConversationChanges changes, TurnKey? key, CancellationToken cancellationToken);

    /// <summary>Deletes a conversation of <paramref name="tenant"/>; false when there was none to delete.</summary>
    Task<bool> DeleteAsync(string id, string tenant, CancellationToken cancellationToken);

    /// <summary>
    /// The tenant's live conversations in id order, starting after <paramref name="after"/> (exclusive; null for the start),
    /// at most <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<StoredConversation>> ListAsync(string tenant, string? after, int limit, CancellationToken cancellationToken);
}
