using OrleansGroq.Grains.Runtime;

namespace OrleansGroq.Tests.Runtime;

internal sealed class CounterGrainReference(GrainHandle<ICounterGrain> handle)
    : GrainReference<ICounterGrain>(handle), ICounterGrain, IGrainReferenceFactory<ICounterGrain>
{
    public static ICounterGrain Create(GrainHandle<ICounterGrain> handle) => new CounterGrainReference(handle);

    public ValueTask<int> AddAsync(int amount) => InvokeAsync(amount, static (grain, amount) => grain.AddAsync(amount));

    public ValueTask<int> GetAsync() => InvokeAsync(static grain => grain.GetAsync());

    public ValueTask<int> GetActivationIdAsync() => InvokeAsync(static grain => grain.GetActivationIdAsync());

    public ValueTask SaveAsync() => InvokeAsync(static grain => grain.SaveAsync());

    public ValueTask<int> FailAsync(string message) => InvokeAsync(message, static (grain, message) => grain.FailAsync(message));
}
