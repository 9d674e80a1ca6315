namespace OrleansGroq.Abstractions.Conversations;

/// <summary>A turn's <c>Idempotency-Key</c> header as the client sent it, with the fingerprint of its request.</summary>
/// <param name="Key">The header's value: 1 to 255 printable ASCII characters.</param>
/// <param name="Fingerprint">A hash of the endpoint and the request body; a retry with another body is refused.</param>
[GenerateSerializer, Immutable]
public sealed record IdempotencyKey(string Key, string Fingerprint);
