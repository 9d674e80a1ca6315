namespace OrleansGroq.Abstractions.Runtime;

/// <summary>Hands out references to grains; the activation behind a reference is created on its first call.</summary>
public interface IGrainFactory
{
    /// <summary>Returns a reference to the grain of interface <typeparamref name="TGrain"/> with the given key.</summary>
    /// <exception cref="InvalidOperationException">No grain implements <typeparamref name="TGrain"/>.</exception>
    TGrain GetGrain<TGrain>(string key)
        where TGrain : class, IGrainWithStringKey;
}
