namespace OrleansGroq.Abstractions.Conversations;

/// <param name="Tenant">The tenant creating it.</param>
/// <param name="Model">The resolved model id.</param>
/// <param name="System">An optional system prompt, stored as the first message.</param>
/// <param name="MetadataJson">The client's metadata object as raw JSON, or null.</param>
[GenerateSerializer, Immutable]
public sealed record CreateConversation(string Tenant, string Model, string? System, string? MetadataJson);
