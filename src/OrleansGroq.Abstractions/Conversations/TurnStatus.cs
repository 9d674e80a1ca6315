namespace OrleansGroq.Abstractions.Conversations;

[GenerateSerializer]
public enum TurnStatus
{
    /// <summary>The new messages and the reply are stored.</summary>
    Completed,

    /// <summary>The LLM call produced no reply; nothing was stored.</summary>
    NoReply,

    /// <summary>No such conversation for this tenant.</summary>
    NotFound,

    /// <summary>The conversation's queue of waiting turns is full.</summary>
    Busy,

    /// <summary>
    /// The reply was not stored: the turn outlived its lease or the activation it began on, or another activation
    /// of the conversation appended first.
    /// </summary>
    Conflict,

    /// <summary>The turn has the conversation to itself; its LLM call may run.</summary>
    Started,

    /// <summary>The idempotency key's turn is stored: its reply is the answer, and nothing runs again.</summary>
    Replayed,

    /// <summary>The idempotency key was used on this conversation by a different request.</summary>
    KeyReused,
}
