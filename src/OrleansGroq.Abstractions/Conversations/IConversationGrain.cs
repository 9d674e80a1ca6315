namespace OrleansGroq.Abstractions.Conversations;

/// <summary>
/// One chat session, keyed by conversation id, with one activation in the cluster: the authority for its tenant,
/// model, pinned key, history and turns. Turns arriving at any silo queue here in arrival order and run one at a
/// time: a turn is begun, its LLM call made by the silo that took the HTTP request, and then completed (one store
/// write) or abandoned. Reads answer from memory and never wait behind a turn.
/// </summary>
public interface IConversationGrain : IGrainWithStringKey
{
    /// <summary>Creates the conversation; it must not exist yet.</summary>
    ValueTask<ConversationView> CreateAsync(CreateConversation request);

    /// <summary>Returns the conversation with its messages, or null when it does not exist for <paramref name="tenant"/>.</summary>
    ValueTask<ConversationView?> GetAsync(string tenant);

    /// <summary>
    /// Begins a turn: queues it behind the turns before it (or refuses it when the queue is full), and once it is
    /// first, either replays the stored answer of its idempotency key or returns what the LLM call needs (the history
    /// trimmed to fit the model's context). A started turn must be completed or abandoned; the grain abandons it
    /// itself as soon as the cluster declares its <see cref="TurnRequest.FrontEnd"/> dead, or when the turn lease runs
    /// out. Cancelling leaves the queue.
    /// </summary>
    // A turn may wait behind a full queue of turns, each up to the turn lease: far beyond Orleans' 30 s default, which
    // would fail it while it still waits. Only its client's abort (the token) or its grain's silo's death ends the wait.
    [ResponseTimeout("00:30:00")]
    ValueTask<TurnStart> BeginTurnAsync(TurnRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Stores the started turn's new messages and the assistant's reply, in one write, and lets the next turn in. The
    /// caller passes the request and the version the turn began at again, so that a turn outlives the activation it
    /// began on: a new activation stores it when nothing has happened to the conversation since.
    /// </summary>
    ValueTask<TurnOutcome> CompleteTurnAsync(string turnId, long version, TurnRequest request, TurnReply reply);

    /// <summary>Ends the started turn without storing anything (the LLM call failed) and lets the next turn in.</summary>
    ValueTask AbandonTurnAsync(string turnId);

    /// <summary>Deletes the conversation; false when it does not exist for <paramref name="tenant"/>.</summary>
    ValueTask<bool> DeleteAsync(string tenant);
}
