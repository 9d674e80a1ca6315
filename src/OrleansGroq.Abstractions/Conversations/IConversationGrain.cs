namespace OrleansGroq.Abstractions.Conversations;

/// <summary>
/// One chat session, keyed by conversation id, with one activation in the cluster: its tenant, model, pinned key and
/// history. A turn is begun, its LLM call made by the silo that took the HTTP request, and then completed or
/// abandoned. Turns on one conversation run one at a time, whichever silo they arrive at: a turn waits for the one
/// in progress, up to the turn lease, and the shared store's lease guards the append.
/// </summary>
public interface IConversationGrain : IGrainWithStringKey
{
    /// <summary>Creates the conversation; it must not exist yet.</summary>
    ValueTask<ConversationView> CreateAsync(CreateConversation request);

    /// <summary>Returns the conversation with its messages, or null when it does not exist for <paramref name="tenant"/>.</summary>
    ValueTask<ConversationView?> GetAsync(string tenant);

    /// <summary>
    /// Begins a turn: waits for the turn in progress, claims the next one, and returns what the LLM call needs (the
    /// history trimmed to fit the model's context). The caller must complete or abandon it; a turn neither completed
    /// nor abandoned within the turn lease is abandoned by the grain.
    /// </summary>
    ValueTask<TurnStart> BeginTurnAsync(TurnRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Stores the turn's new messages (those it began with) and the assistant's reply, releasing the turn. The caller
    /// passes the messages again, so that a turn outlives the activation it began on.
    /// </summary>
    ValueTask<TurnOutcome> CompleteTurnAsync(string turnId, IReadOnlyList<NewMessage> messages, TurnReply reply);

    /// <summary>Releases the turn without storing anything: the LLM call failed or gave no reply.</summary>
    ValueTask AbandonTurnAsync(string turnId);

    /// <summary>Deletes the conversation; false when it does not exist for <paramref name="tenant"/>.</summary>
    ValueTask<bool> DeleteAsync(string tenant);
}
