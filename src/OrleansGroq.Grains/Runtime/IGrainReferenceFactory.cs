using OrleansGroq.Abstractions.Runtime;

namespace OrleansGroq.Grains.Runtime;

/// <summary>Implemented by a grain reference class so the runtime can create references without reflection.</summary>
/// <typeparam name="TGrain">The grain interface the reference implements.</typeparam>
public interface IGrainReferenceFactory<TGrain>
    where TGrain : class, IGrainWithStringKey
{
    /// <summary>Creates a reference that routes calls through <paramref name="handle"/>.</summary>
    static abstract TGrain Create(GrainHandle<TGrain> handle);
}
