namespace OrleansGroq.Abstractions.Conversations;

/// <summary>The answer to a request to start a turn.</summary>
public enum TurnClaimStatus
{
    /// <summary>The caller holds the turn until it appends, releases, or the lease runs out.</summary>
    Claimed,

    /// <summary>The stored version is not the expected one: the caller's copy is stale and must be re-read.</summary>
    Stale,

    /// <summary>Another owner (another node) holds an unexpired lease on the turn.</summary>
    Busy,

    /// <summary>No such conversation, or it was deleted.</summary>
    NotFound,
}
