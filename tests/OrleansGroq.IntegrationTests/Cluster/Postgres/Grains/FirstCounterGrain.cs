using Orleans;
using Orleans.Runtime;
using OrleansGroq.Grains.Storage;

namespace OrleansGroq.IntegrationTests.Cluster.Postgres.Grains;

/// <summary>A counter grain of one type.</summary>
[GrainType("orleansgroq-test-first-counter")]
public sealed class FirstCounterGrain([PersistentState(CounterGrain.StateName, GrainStorage.Name)] IPersistentState<CounterState> state)
    : CounterGrain(state), IFirstCounterGrain;
