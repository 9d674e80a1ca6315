namespace OrleansGroq.Abstractions.Batches;

/// <summary>One entry of a tenant's index of the files and batches it owns.</summary>
/// <param name="Id">Groq's id of the object.</param>
/// <param name="Kind">File or batch.</param>
/// <param name="KeyAlias">The key the object was created with.</param>
/// <param name="Account">The Groq organization that holds the object.</param>
[GenerateSerializer, Immutable]
public sealed record OwnedObject(string Id, ObjectKind Kind, string KeyAlias, string Account);
