namespace OrleansGroq.Abstractions.Runtime;

/// <summary>A state record as read from an <see cref="IGrainStorage"/>.</summary>
/// <typeparam name="TState">The state type.</typeparam>
/// <param name="State">The stored state.</param>
/// <param name="ETag">The record's version, passed back on the next write for an optimistic concurrency check.</param>
public sealed record StoredGrainState<TState>(TState State, string ETag);
