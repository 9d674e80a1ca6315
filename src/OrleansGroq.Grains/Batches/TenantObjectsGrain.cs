using OrleansGroq.Abstractions.Batches;
using OrleansGroq.Grains.Storage;

namespace OrleansGroq.Grains.Batches;

/// <summary>
/// The index of one tenant's files and batches (pass-through mode), written on every change before the caller hears
/// of it. It holds ids and owners only, never Groq's objects, whose status changes at Groq.
/// </summary>
// The grain type names stored state: fixed, so that renaming the class does not orphan it.
[GrainType("tenantobjects")]
internal sealed class TenantObjectsGrain(
    [PersistentState("objects", GrainStorage.Name)] IPersistentState<TenantObjectsState> state) : Grain, ITenantObjectsGrain
{
    async ValueTask ITenantObjectsGrain.AddAsync(OwnedObject entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (state.State.Objects.Exists(o => o.Id == entry.Id))
        {
            return;
        }

        state.State = state.State with { Objects = state.State.Objects.Add(entry) };
        await state.WriteStateAsync();
    }

    async ValueTask ITenantObjectsGrain.RemoveAsync(string id)
    {
        var index = state.State.Objects.FindIndex(o => o.Id == id);
        if (index < 0)
        {
            return;
        }

        state.State = state.State with { Objects = state.State.Objects.RemoveAt(index) };
        await state.WriteStateAsync();
    }

    ValueTask<IReadOnlyList<OwnedObject>> ITenantObjectsGrain.ListAsync(ObjectKind kind)
    {
        IReadOnlyList<OwnedObject> newestFirst = [.. state.State.Objects.Where(o => o.Kind == kind).Reverse()];
        return ValueTask.FromResult(newestFirst);
    }
}
