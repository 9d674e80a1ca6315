using System.Runtime.CompilerServices;
using OrleansGroq.Abstractions.Runtime;

namespace OrleansGroq.Grains.Runtime;

/// <summary>
/// Base of the hand-written reference classes (what Orleans' code generator would emit): each interface method
/// forwards to <c>InvokeAsync</c>, which runs the call as one turn of the grain's activation, creating the activation
/// if needed. Pass arguments through the <c>arg</c> overloads with a static lambda so that a call allocates no closure.
/// Calls are not reentrant: a grain that awaits a call to itself, directly or through another grain, deadlocks.
/// </summary>
/// <typeparam name="TGrain">The grain interface.</typeparam>
public abstract class GrainReference<TGrain>
    where TGrain : class, IGrainWithStringKey
{
    private readonly GrainCatalog<TGrain> _catalog;
    private readonly string _key;

    /// <summary>Binds the reference to the grain the runtime created it for.</summary>
    protected GrainReference(GrainHandle<TGrain> handle)
    {
        _catalog = handle.Catalog ?? throw new ArgumentException("Grain references are created by the grain runtime.", nameof(handle));
        _key = handle.Key;
    }

    /// <summary>The grain this reference calls.</summary>
    public GrainId GrainId => new(_catalog.GrainType, _key);

    /// <inheritdoc />
    public override string ToString() => GrainId.ToString();

    /// <summary>Runs <paramref name="call"/> on the grain as one turn.</summary>
    protected ValueTask<TResult> InvokeAsync<TResult>(Func<TGrain, ValueTask<TResult>> call) =>
        _catalog.InvokeAsync(_key, call, static (grain, call) => call(grain));

    /// <summary>Runs <paramref name="call"/> with <paramref name="arg"/> on the grain as one turn.</summary>
    protected ValueTask<TResult> InvokeAsync<TArg, TResult>(TArg arg, Func<TGrain, TArg, ValueTask<TResult>> call) =>
        _catalog.InvokeAsync(_key, arg, call);

    /// <summary>Runs <paramref name="call"/> on the grain as one turn.</summary>
    protected ValueTask InvokeAsync(Func<TGrain, ValueTask> call) =>
        WithoutResult(_catalog.InvokeAsync(_key, call, static async (grain, call) =>
        {
            await call(grain).ConfigureAwait(false);
            return true;
        }));

    /// <summary>Runs <paramref name="call"/> with <paramref name="arg"/> on the grain as one turn.</summary>
    protected ValueTask InvokeAsync<TArg>(TArg arg, Func<TGrain, TArg, ValueTask> call) =>
        WithoutResult(_catalog.InvokeAsync(_key, (arg, call), static async (grain, state) =>
        {
            await state.call(grain, state.arg).ConfigureAwait(false);
            return true;
        }));

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private static async ValueTask WithoutResult(ValueTask<bool> call) => await call.ConfigureAwait(false);
}
