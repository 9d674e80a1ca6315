namespace OrleansGroq.Abstractions.Conversations;

/// <summary>The answer to <see cref="IConversationGrain.BeginTurnAsync"/>.</summary>
/// <param name="Status"><see cref="TurnStatus.Started"/>, or why the turn could not start.</param>
/// <param name="TurnId">With <see cref="TurnStatus.Started"/>: the turn, to complete or abandon.</param>
/// <param name="Context">With <see cref="TurnStatus.Started"/>: what the LLM call needs.</param>
/// <param name="BusyUntil">With <see cref="TurnStatus.Busy"/>: when the turn in progress runs out of lease.</param>
[GenerateSerializer, Immutable]
public sealed record TurnStart(TurnStatus Status, string? TurnId = null, TurnContext? Context = null, DateTimeOffset? BusyUntil = null);
