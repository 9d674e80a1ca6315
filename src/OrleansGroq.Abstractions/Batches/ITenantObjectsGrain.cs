namespace OrleansGroq.Abstractions.Batches;

/// <summary>
/// The files and batches one tenant owns, keyed by tenant, in creation order: what the list routes read, since
/// Groq's own lists show the whole organization, which tenants may share.
/// </summary>
public interface ITenantObjectsGrain : IGrainWithStringKey
{
    /// <summary>Adds an object; adding one that is listed already changes nothing.</summary>
    ValueTask AddAsync(OwnedObject entry);

    /// <summary>Removes an object, if listed.</summary>
    ValueTask RemoveAsync(string id);

    /// <summary>The tenant's objects of one kind, newest first.</summary>
    ValueTask<IReadOnlyList<OwnedObject>> ListAsync(ObjectKind kind);
}
