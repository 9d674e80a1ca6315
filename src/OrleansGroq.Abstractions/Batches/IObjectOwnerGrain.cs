namespace OrleansGroq.Abstractions.Batches;

/// <summary>
/// The owner of one file or batch that Groq holds for the gateway, keyed by Groq's id of the object, with one
/// activation in the cluster and its state in grain storage, so any silo serves the calls that follow its creation.
/// </summary>
public interface IObjectOwnerGrain : IGrainWithStringKey
{
    /// <summary>Returns the owner, or null when the gateway created no such object (or it was deleted).</summary>
    ValueTask<ObjectOwner?> GetAsync();

    /// <summary>
    /// Records <paramref name="owner"/> and adds the object to the tenant's index, unless the object has an owner
    /// already, which keeps it: Groq never reuses an id, so a second claim is a replay of the first.
    /// </summary>
    /// <returns>The object's owner after the call.</returns>
    ValueTask<ObjectOwner> ClaimAsync(ObjectKind kind, ObjectOwner owner);

    /// <summary>Forgets the object (Groq deleted it) and takes it out of its tenant's index.</summary>
    ValueTask ForgetAsync();
}
