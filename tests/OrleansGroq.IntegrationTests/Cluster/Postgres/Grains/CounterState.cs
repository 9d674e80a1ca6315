namespace OrleansGroq.IntegrationTests.Cluster.Postgres.Grains;

/// <summary>The persisted state: a plain class that System.Text.Json writes as <c>{"Value":n}</c>.</summary>
public sealed class CounterState
{
    public int Value { get; set; }
}
