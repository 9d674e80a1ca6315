using OrleansGroq.Abstractions.Runtime;

namespace OrleansGroq.Abstractions.Conversations;

/// <summary>
/// One chat session, keyed by conversation id: its tenant, model, pinned key and history. Turns on one
/// conversation run one at a time on a node (the grain's turns), and one at a time across nodes (a lease
/// in the shared store): a turn that finds another node's turn in progress is refused, not interleaved.
/// </summary>
public interface IConversationGrain : IGrainWithStringKey
{
    /// <summary>Creates the conversation; it must not exist yet.</summary>
    ValueTask<ConversationView> CreateAsync(CreateConversation request);

    /// <summary>Returns the conversation with its messages, or null when it does not exist for <paramref name="tenant"/>.</summary>
    ValueTask<ConversationView?> GetAsync(string tenant);

    /// <summary>
    /// Runs one turn: claims it, hands the history (trimmed to fit the model's context) to <paramref name="handler"/>
    /// for the LLM call, and stores the new messages with the reply. Nothing is stored when the handler has no reply.
    /// </summary>
    ValueTask<TurnOutcome> RunTurnAsync(TurnRequest request, IConversationTurnHandler handler, CancellationToken cancellationToken);

    /// <summary>Deletes the conversation; false when it does not exist for <paramref name="tenant"/>.</summary>
    ValueTask<bool> DeleteAsync(string tenant);
}
