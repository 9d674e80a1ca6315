namespace OrleansGroq.Abstractions.Batches;

/// <summary>
/// Who a file or batch held by Groq belongs to: the tenant that created it, and the key and account it was created
/// with. Groq scopes files and batches to the organization (account), so every later call about the object goes with a
/// key of that account, the creating key first.
/// </summary>
/// <param name="Tenant">The gateway tenant that created the object; no other tenant sees it.</param>
/// <param name="KeyAlias">The key the object was created with.</param>
/// <param name="Account">The Groq organization that holds the object.</param>
/// <param name="Purpose">A file's purpose (<c>batch</c>, <c>batch_output</c>); null for a batch.</param>
[GenerateSerializer, Immutable]
public sealed record ObjectOwner(string Tenant, string KeyAlias, string Account, string? Purpose);
