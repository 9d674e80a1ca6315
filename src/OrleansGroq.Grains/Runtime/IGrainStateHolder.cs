namespace OrleansGroq.Grains.Runtime;

/// <summary>A persistent state the runtime loads at activation and flushes at deactivation.</summary>
internal interface IGrainStateHolder
{
    Task ReadStateAsync(CancellationToken cancellationToken);

    /// <summary>Writes the state if it is dirty.</summary>
    Task FlushAsync(CancellationToken cancellationToken);
}
