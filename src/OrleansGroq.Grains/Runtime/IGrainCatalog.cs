using OrleansGroq.Abstractions.Runtime;

namespace OrleansGroq.Grains.Runtime;

/// <summary>The activations of one grain type, seen without their interface type.</summary>
internal interface IGrainCatalog
{
    string GrainType { get; }

    int ActivationCount { get; }

    /// <summary>Closes every activation idle for at least <paramref name="collectionAge"/> and adds its deactivation.</summary>
    void CollectIdle(long nowTimestamp, TimeSpan collectionAge, List<Task> deactivations);

    /// <summary>Closes every activation and adds the task that completes when it is gone.</summary>
    void CloseAll(DeactivationReason reason, List<Task> deactivations);
}
