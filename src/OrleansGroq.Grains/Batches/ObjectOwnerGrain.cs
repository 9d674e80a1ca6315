using OrleansGroq.Abstractions.Batches;
using OrleansGroq.Grains.Storage;

namespace OrleansGroq.Grains.Batches;

/// <summary>
/// Who owns one file or batch Groq holds for the gateway (pass-through mode). The owner is written before the client
/// hears of the object, so whichever silo the next call reaches finds it.
/// </summary>
// The grain type names stored state: fixed, so that renaming the class does not orphan it.
[GrainType("objectowner")]
internal sealed class ObjectOwnerGrain(
    [PersistentState("owner", GrainStorage.Name)] IPersistentState<ObjectOwnerState> state) : Grain, IObjectOwnerGrain
{
    ValueTask<ObjectOwner?> IObjectOwnerGrain.GetAsync() => ValueTask.FromResult(state.State.Owner);

    async ValueTask<ObjectOwner> IObjectOwnerGrain.ClaimAsync(ObjectKind kind, ObjectOwner owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        if (state.State.Owner is { } current)
        {
            return current;
        }

        state.State = new ObjectOwnerState { Kind = kind, Owner = owner };
        await state.WriteStateAsync();

        // After the owner is stored: an index entry without an owner would list an object that no call can reach.
        var id = this.GetPrimaryKeyString();
        await GrainFactory.GetGrain<ITenantObjectsGrain>(owner.Tenant).AddAsync(new OwnedObject(id, kind, owner.KeyAlias, owner.Account));
        return owner;
    }

    async ValueTask IObjectOwnerGrain.ForgetAsync()
    {
        if (state.State.Owner is not { } owner)
        {
            return;
        }

        await GrainFactory.GetGrain<ITenantObjectsGrain>(owner.Tenant).RemoveAsync(this.GetPrimaryKeyString());
        await state.ClearStateAsync();
        DeactivateOnIdle();
    }
}
