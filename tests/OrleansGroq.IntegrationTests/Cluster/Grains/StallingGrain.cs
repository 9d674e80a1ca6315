using Orleans.Placement;

namespace OrleansGroq.IntegrationTests.Cluster.Grains;

/// <summary>Placed on the silo that first calls it, so a test chooses the silo whose death the stalled calls see.</summary>
[PreferLocalPlacement]
public sealed class StallingGrain : Grain, IStallingGrain
{
    private readonly TaskCompletionSource _never = new();

    public Task ActivateAsync() => Task.CompletedTask;

    public Task StallAsync() => _never.Task;
}
