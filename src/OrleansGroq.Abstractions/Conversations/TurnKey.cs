namespace OrleansGroq.Abstractions.Conversations;

/// <summary>
/// A turn's <c>Idempotency-Key</c>, stored on the turn's last message (the assistant's reply) in the same statement
/// as the turn, so that a retry finds the answer whichever activation or silo it reaches.
/// </summary>
/// <param name="Key">The client's key, unique within its conversation.</param>
/// <param name="Fingerprint">A hash of the request that first used the key: a retry must send the same request.</param>
/// <param name="Sequence">The sequence of the message the key is stored on: the turn's reply.</param>
[GenerateSerializer, Immutable]
public sealed record TurnKey(string Key, string Fingerprint, int Sequence);
