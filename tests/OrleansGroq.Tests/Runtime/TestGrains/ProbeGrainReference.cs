using OrleansGroq.Grains.Runtime;

namespace OrleansGroq.Tests.Runtime;

internal sealed class ProbeGrainReference(GrainHandle<IProbeGrain> handle)
    : GrainReference<IProbeGrain>(handle), IProbeGrain, IGrainReferenceFactory<IProbeGrain>
{
    public static IProbeGrain Create(GrainHandle<IProbeGrain> handle) => new ProbeGrainReference(handle);

    public ValueTask<int> RunAsync(int yields) => InvokeAsync(yields, static (grain, yields) => grain.RunAsync(yields));

    public ValueTask<int> GetMaxConcurrencyAsync() => InvokeAsync(static grain => grain.GetMaxConcurrencyAsync());

    public ValueTask BlockAsync() => InvokeAsync(static grain => grain.BlockAsync());
}
