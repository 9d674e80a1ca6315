namespace OrleansGroq.Abstractions.Conversations;

/// <summary>The answer to <see cref="IConversationGrain.BeginTurnAsync"/>.</summary>
/// <param name="Status"><see cref="TurnStatus.Started"/>, <see cref="TurnStatus.Replayed"/>, or why the turn could not start.</param>
/// <param name="TurnId">With <see cref="TurnStatus.Started"/>: the turn, to complete or abandon.</param>
/// <param name="Context">With <see cref="TurnStatus.Started"/> and <see cref="TurnStatus.Replayed"/>: the turn's model and history.</param>
/// <param name="Reply">With <see cref="TurnStatus.Replayed"/>: the stored reply of the turn that first used the idempotency key.</param>
/// <param name="RetryAfter">With <see cref="TurnStatus.Busy"/>: about how long until the queue has room.</param>
[GenerateSerializer, Immutable]
public sealed record TurnStart(
    TurnStatus Status, string? TurnId = null, TurnContext? Context = null, StoredMessage? Reply = null, TimeSpan? RetryAfter = null);
