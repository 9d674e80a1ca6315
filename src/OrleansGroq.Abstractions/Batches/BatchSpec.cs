namespace OrleansGroq.Abstractions.Batches;

/// <summary>What a client asked for in <c>POST /batches</c>, checked by the API, and when.</summary>
/// <param name="Tenant">The tenant that created the batch: no other sees it.</param>
/// <param name="InputFileId">The JSONL input, a file of the tenant's with purpose <c>batch</c>.</param>
/// <param name="Endpoint">The one endpoint Groq batches: <c>/v1/chat/completions</c>.</param>
/// <param name="CompletionWindow">As the client wrote it, e.g. <c>24h</c>.</param>
/// <param name="Metadata">Up to 16 string pairs, echoed back; null when none was given.</param>
/// <param name="CreatedAt">When the batch was created.</param>
/// <param name="ExpiresAt">When its window closes: lines not run by then end as <c>batch_expired</c>.</param>
[GenerateSerializer, Immutable]
public sealed record BatchSpec(
    string Tenant,
    string InputFileId,
    string Endpoint,
    string CompletionWindow,
    IReadOnlyDictionary<string, string>? Metadata,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt);
