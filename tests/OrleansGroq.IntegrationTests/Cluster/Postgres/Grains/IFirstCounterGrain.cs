namespace OrleansGroq.IntegrationTests.Cluster.Postgres.Grains;

/// <summary>One of two grain types that share a state name, to show their states stay apart.</summary>
public interface IFirstCounterGrain : ICounterGrain;
