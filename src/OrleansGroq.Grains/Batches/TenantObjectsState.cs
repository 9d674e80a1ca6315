using System.Collections.Immutable;
using OrleansGroq.Abstractions.Batches;

namespace OrleansGroq.Grains.Batches;

/// <summary>The persistent state of a <see cref="TenantObjectsGrain"/>. Storage keeps it as JSON, by property name.</summary>
[GenerateSerializer, Immutable]
internal sealed record TenantObjectsState
{
    /// <summary>The tenant's files and batches, oldest first.</summary>
    [Id(0)]
    public ImmutableList<OwnedObject> Objects { get; init; } = [];
}
