namespace OrleansGroq.Abstractions.Conversations;

/// <summary>The answer to an append.</summary>
public enum AppendStatus
{
    /// <summary>The messages were stored, the version incremented and the caller's lease released.</summary>
    Appended,

    /// <summary>The version moved or the caller no longer holds the lease: nothing was stored.</summary>
    Conflict,

    /// <summary>No such conversation, or it was deleted.</summary>
    NotFound,
}
