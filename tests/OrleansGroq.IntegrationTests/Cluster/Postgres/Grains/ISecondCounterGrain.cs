namespace OrleansGroq.IntegrationTests.Cluster.Postgres.Grains;

/// <summary>The other grain type with the state name of <see cref="IFirstCounterGrain"/>.</summary>
public interface ISecondCounterGrain : ICounterGrain;
