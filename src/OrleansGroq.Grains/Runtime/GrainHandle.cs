using OrleansGroq.Abstractions.Runtime;

namespace OrleansGroq.Grains.Runtime;

/// <summary>What the runtime hands a grain reference when it creates one: where the grain's calls go.</summary>
/// <typeparam name="TGrain">The grain interface.</typeparam>
public readonly struct GrainHandle<TGrain>
    where TGrain : class, IGrainWithStringKey
{
    internal GrainHandle(GrainCatalog<TGrain> catalog, string key)
    {
        Catalog = catalog;
        Key = key;
    }

    internal GrainCatalog<TGrain>? Catalog { get; }

    internal string Key { get; }
}
