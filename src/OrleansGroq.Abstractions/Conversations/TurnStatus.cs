namespace OrleansGroq.Abstractions.Conversations;

public enum TurnStatus
{
    /// <summary>The new messages and the reply are stored.</summary>
    Completed,

    /// <summary>The LLM call produced no reply; nothing was stored.</summary>
    NoReply,

    /// <summary>No such conversation for this tenant.</summary>
    NotFound,

    /// <summary>Another node is running a turn on this conversation.</summary>
    Busy,

    /// <summary>The conversation changed under the turn (its lease ran out); the reply was not stored.</summary>
    Conflict,
}
