namespace OrleansGroq.Abstractions.Conversations;

/// <param name="Status">The outcome.</param>
/// <param name="BusyUntil">With <see cref="TurnClaimStatus.Busy"/>: when the other owner's lease runs out.</param>
public readonly record struct TurnClaim(TurnClaimStatus Status, DateTimeOffset? BusyUntil = null);
