namespace OrleansGroq.IntegrationTests.Cluster.Grains;

/// <summary>A grain that takes calls and never answers them, standing for a long grain call (a turn, a stream) in flight.</summary>
public interface IStallingGrain : IGrainWithStringKey
{
    /// <summary>Activates the grain, on the calling silo.</summary>
    Task ActivateAsync();

    /// <summary>Never completes.</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task StallAsync();
}
