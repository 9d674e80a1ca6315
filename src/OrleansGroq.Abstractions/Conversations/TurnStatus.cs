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

    /// <summary>Another turn held this conversation for the whole wait.</summary>
    Busy,

    /// <summary>The conversation changed under the turn (its lease ran out); the reply was not stored.</summary>
    Conflict,

    /// <summary>The turn is claimed; its LLM call may run.</summary>
    Started,
}
