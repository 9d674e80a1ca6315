namespace OrleansGroq.Abstractions.Conversations;

/// <summary>The answer to an append.</summary>
public enum AppendStatus
{
    /// <summary>The messages were stored and the version incremented.</summary>
    Appended,

    /// <summary>The version moved (another activation appended first) or the idempotency key is taken: nothing was stored.</summary>
    Conflict,

    /// <summary>No such conversation, or it was deleted.</summary>
    NotFound,
}
