namespace OrleansGroq.Abstractions.Conversations;

/// <summary>
/// Durable conversations, shared by every node. A turn is claimed with a short lease before the LLM call
/// (one statement that also checks the caller's version) and appended after it with the version checked
/// again, so no transaction is ever open across an LLM call and two nodes can never interleave turns.
/// Implementations: in-memory (one node) and PostgreSQL (a cluster); both pass one contract suite.
/// </summary>
public interface IConversationStore
{
    /// <summary>Stores a new conversation at version 0 with its first messages (e.g. the system prompt).</summary>
    /// <exception cref="InvalidOperationException">A conversation with this id exists.</exception>
    Task CreateAsync(StoredConversation conversation, IReadOnlyList<StoredMessage> messages, CancellationToken cancellationToken);

    /// <summary>Reads a conversation and all its messages; null when it does not exist or was deleted.</summary>
    Task<ConversationSnapshot?> LoadAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// Claims the next turn for <paramref name="owner"/> until <paramref name="leaseUntil"/>, provided the stored
    /// version is <paramref name="expectedVersion"/> and no other owner holds an unexpired lease
    /// (<paramref name="now"/> decides expiry). The same owner may claim again (it renews its lease).
    /// </summary>
    Task<TurnClaim> ClaimTurnAsync(string id, long expectedVersion, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>
    /// Appends <paramref name="messages"/> (their sequences continue the conversation's), applies
    /// <paramref name="changes"/>, increments the version and releases the lease, all atomically, provided the
    /// version is still <paramref name="expectedVersion"/> and <paramref name="owner"/> still holds the lease.
    /// </summary>
    Task<AppendStatus> AppendAsync(
        string id, long expectedVersion, string owner, IReadOnlyList<StoredMessage> messages, ConversationChanges changes, CancellationToken cancellationToken);

    /// <summary>Drops <paramref name="owner"/>'s lease without storing anything (the LLM call failed).</summary>
    Task ReleaseTurnAsync(string id, string owner, CancellationToken cancellationToken);

    /// <summary>Deletes a conversation of <paramref name="tenant"/>; false when there was none to delete.</summary>
    Task<bool> DeleteAsync(string id, string tenant, CancellationToken cancellationToken);

    /// <summary>
    /// The tenant's live conversations in id order, starting after <paramref name="after"/> (exclusive; null for the start),
    /// at most <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<StoredConversation>> ListAsync(string tenant, string? after, int limit, CancellationToken cancellationToken);
}
