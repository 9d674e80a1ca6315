using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace OrleansGroq.Persistence.PostgreSql.Cluster;

/// <summary>
/// Orleans' ADO.NET grain storage with each state keyed by the whole grain id, grain type included.
/// </summary>
/// <remarks>
/// The ADO.NET provider keys a state by the state name and the grain's key only, so two grain types with the same key
/// and the same state name would share one row (Orleans issues 8746 and 9737); and it parses a string key that looks
/// like hex digits or a 32-digit Guid as a number, so "020235" and "20235", or "abc" and "ABC", would share one too
/// (issue 9706). Handing it a grain id whose key is the full "type/key" text avoids both: that text never parses as a
/// number or a Guid (it contains '/'), so the provider stores it whole as the key. Everything else is the provider's.
/// </remarks>
internal sealed class GrainTypeScopedStorage(AdoNetGrainStorage inner) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, StorageId(grainId), grainState);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        inner.ReadStateAsync(stateName, StorageId(grainId), grainState, cancellationToken);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.WriteStateAsync(stateName, StorageId(grainId), grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        inner.WriteStateAsync(stateName, StorageId(grainId), grainState, cancellationToken);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, StorageId(grainId), grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        inner.ClearStateAsync(stateName, StorageId(grainId), grainState, cancellationToken);

    /// <summary>The provider loads its statements from the database at silo start, in its own lifecycle stage.</summary>
    public void Participate(ISiloLifecycle lifecycle) => inner.Participate(lifecycle);

    /// <summary>The id the provider stores a grain's state under: same type, the whole grain id as a string key.</summary>
    internal static GrainId StorageId(GrainId grainId) => GrainId.Create(grainId.Type, grainId.ToString());
}
