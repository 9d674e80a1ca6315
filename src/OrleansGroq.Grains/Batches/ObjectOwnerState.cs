using OrleansGroq.Abstractions.Batches;

namespace OrleansGroq.Grains.Batches;

/// <summary>The persistent state of an <see cref="ObjectOwnerGrain"/>. Storage keeps it as JSON, by property name.</summary>
[GenerateSerializer, Immutable]
internal sealed record ObjectOwnerState
{
    /// <summary>File or batch.</summary>
    [Id(0)]
    public ObjectKind Kind { get; init; }

    /// <summary>The owner, or null for an object the gateway does not know.</summary>
    [Id(1)]
    public ObjectOwner? Owner { get; init; }
}
