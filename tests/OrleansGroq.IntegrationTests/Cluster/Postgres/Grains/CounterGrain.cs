using Orleans;
using Orleans.Runtime;

namespace OrleansGroq.IntegrationTests.Cluster.Postgres.Grains;

/// <summary>Reads and writes its number through <see cref="IPersistentState{TState}"/>.</summary>
public abstract class CounterGrain(IPersistentState<CounterState> state) : Grain, ICounterGrain
{
    /// <summary>Both counter grain types name their state this, as many grains would ("state").</summary>
    public const string StateName = "s";

    public Task<int> GetAsync() => Task.FromResult(state.State.Value);

    public async Task SetAsync(int value)
    {
        state.State.Value = value;
        await state.WriteStateAsync();
    }

    public Task<string> SiloAsync() => Task.FromResult(GrainContext.Address.SiloAddress!.ToString());
}
