namespace OrleansGroq.Abstractions.Conversations;

/// <summary>A conversation's header row: who owns it, its model and pinned key, and its version.</summary>
/// <param name="Id">The conversation id (<c>conv_</c> and 26 lowercase base32 characters).</param>
/// <param name="Tenant">The tenant that created it; no other tenant can see it.</param>
/// <param name="Model">The model id turns use unless a turn names another.</param>
/// <param name="KeyAlias">The pinned upstream key, or null before the first turn.</param>
/// <param name="MetadataJson">The client's <c>metadata</c> object as raw JSON, or null.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="Version">Incremented by every append; the optimistic concurrency token.</param>
/// <param name="MessageCount">The number of stored messages; the next message's sequence is this plus one.</param>
/// <param name="KeyRotations">How often the pinned key changed after a rate-limit signal.</param>
/// <param name="CachedTokens">Prompt tokens Groq served from its prompt cache for this conversation.</param>
[GenerateSerializer, Immutable]
public sealed record StoredConversation(
    string Id,
    string Tenant,
    string Model,
    string? KeyAlias,
    string? MetadataJson,
    DateTimeOffset CreatedAt,
    long Version,
    int MessageCount,
    int KeyRotations,
    long CachedTokens);
