using System.Collections.Concurrent;

namespace OrleansGroq.Tests.Runtime;

/// <summary>What test grains report about themselves: activations, lifecycle events, and gates for blocking calls.</summary>
internal sealed class GrainProbe
{
    private int _activations;

    public ConcurrentQueue<string> Events { get; } = new();

    public ConcurrentDictionary<string, TaskCompletionSource> Entered { get; } = new();

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int FailActivations { get; set; }

    public int NextActivationId() => Interlocked.Increment(ref _activations);

    public TaskCompletionSource EnteredGate(string key) =>
        Entered.GetOrAdd(key, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
