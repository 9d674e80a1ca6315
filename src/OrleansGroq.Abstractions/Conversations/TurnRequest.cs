using Orleans.Runtime;

namespace OrleansGroq.Abstractions.Conversations;

/// <param name="Tenant">The caller's tenant; another tenant's conversation is reported as not found.</param>
/// <param name="Messages">The client's new messages (a user message, or tool results).</param>
/// <param name="Model">A model id for this turn only, or null for the conversation's model.</param>
/// <param name="MaxTokens">The completion budget the request set, or null for the configured default.</param>
/// <param name="IdempotencyKey">The request's <c>Idempotency-Key</c> and its fingerprint, or null.</param>
/// <param name="FrontEnd">
/// The silo that took the HTTP request and runs the turn's LLM call, or null when none is named: when the cluster
/// declares it dead, the grain lets the turn go at once instead of at the end of its lease.
/// </param>
/// <param name="TurnId">
/// The turn's id, chosen by its front end, or null for the grain to choose one. A front end that sends a begin or a
/// completion again, because Orleans lost the answer to the first (the silo it went through left the cluster), is then
/// answered for the same turn: it neither waits behind nor stores a second one.
/// </param>
[GenerateSerializer, Immutable]
public sealed record TurnRequest(
    string Tenant,
    IReadOnlyList<NewMessage> Messages,
    string? Model,
    int? MaxTokens,
    IdempotencyKey? IdempotencyKey = null,
    SiloAddress? FrontEnd = null,
    string? TurnId = null);
