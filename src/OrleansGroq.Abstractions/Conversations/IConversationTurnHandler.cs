namespace OrleansGroq.Abstractions.Conversations;

/// <summary>
/// Makes a turn's LLM call on behalf of a conversation grain and relays the answer to the client, in the way
/// an Orleans grain observer is called back: the grain owns the history, the caller owns the HTTP exchange.
/// </summary>
public interface IConversationTurnHandler
{
    /// <summary>Calls the model with the history; returns the assistant's message, or a reply without one on failure.</summary>
    Task<TurnReply> ExecuteAsync(TurnContext context, CancellationToken cancellationToken);
}
