namespace OrleansGroq.Abstractions.Conversations;

/// <param name="Status">What happened.</param>
/// <param name="Version">The conversation's version afterwards.</param>
[GenerateSerializer, Immutable]
public sealed record TurnOutcome(TurnStatus Status, long Version);
