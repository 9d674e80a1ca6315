using Orleans;
using Orleans.Runtime;
using OrleansGroq.Grains.Storage;

namespace OrleansGroq.IntegrationTests.Cluster.Postgres.Grains;

/// <summary>A counter grain of another type, with the same state name and storage.</summary>
[GrainType("orleansgroq-test-second-counter")]
public sealed class SecondCounterGrain([PersistentState(CounterGrain.StateName, GrainStorage.Name)] IPersistentState<CounterState> state)
    : CounterGrain(state), ISecondCounterGrain;
