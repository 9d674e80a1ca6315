namespace OrleansGroq.Abstractions.Runtime;

/// <summary>
/// A grain's persistent state, injected into the grain's constructor. The runtime reads it before
/// <see cref="IGrainBase.OnActivateAsync"/> and writes it, when dirty, when the activation is deactivated.
/// The storage name of the state is the name of <typeparamref name="TState"/>.
/// </summary>
/// <typeparam name="TState">The state; preferably an immutable record replaced as a whole.</typeparam>
public interface IPersistentState<TState>
    where TState : class, new()
{
    /// <summary>The state. Assigning it marks the state dirty.</summary>
    TState State { get; set; }

    /// <summary>Whether the storage held a record for this grain when it was last read or written.</summary>
    bool RecordExists { get; }

    /// <summary>Whether the state changed since it was last read or written.</summary>
    bool IsDirty { get; }

    /// <summary>Marks a state that was changed in place as needing a write at deactivation.</summary>
    void MarkDirty();

    /// <summary>Replaces the state with what the storage holds.</summary>
    Task ReadStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes the state now, for changes other nodes must see before this activation is collected.</summary>
    /// <exception cref="InconsistentStateException">The stored record changed since this activation read it.</exception>
    Task WriteStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes the stored record and resets the state to a new <typeparamref name="TState"/>.</summary>
    Task ClearStateAsync(CancellationToken cancellationToken = default);
}
