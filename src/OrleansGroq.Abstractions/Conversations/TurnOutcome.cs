namespace OrleansGroq.Abstractions.Conversations;

/// <param name="Status">What happened.</param>
/// <param name="Version">The conversation's version afterwards.</param>
/// <param name="BusyUntil">With <see cref="TurnStatus.Busy"/>: when the other node's lease runs out.</param>
[GenerateSerializer, Immutable]
public sealed record TurnOutcome(TurnStatus Status, long Version, DateTimeOffset? BusyUntil = null);
