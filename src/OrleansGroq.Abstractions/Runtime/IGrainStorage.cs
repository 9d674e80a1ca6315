namespace OrleansGroq.Abstractions.Runtime;

/// <summary>
/// Where grain state lives between activations: in memory for a single node, PostgreSQL for a cluster.
/// A record is addressed by grain id and state name.
/// </summary>
public interface IGrainStorage
{
    /// <summary>Reads a record, or returns <see langword="null"/> when there is none.</summary>
    Task<StoredGrainState<TState>?> ReadAsync<TState>(GrainId grainId, string stateName, CancellationToken cancellationToken);

    /// <summary>Writes a record and returns its new ETag.</summary>
    /// <param name="grainId">The grain.</param>
    /// <param name="stateName">The state's name.</param>
    /// <param name="state">The state to store.</param>
    /// <param name="expectedETag">The ETag last read or written, or <see langword="null"/> when no record was seen.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <exception cref="InconsistentStateException">The stored ETag is not <paramref name="expectedETag"/>.</exception>
    Task<string> WriteAsync<TState>(GrainId grainId, string stateName, TState state, string? expectedETag, CancellationToken cancellationToken);

    /// <summary>Deletes a record.</summary>
    /// <exception cref="InconsistentStateException">The stored ETag is not <paramref name="expectedETag"/>.</exception>
    Task ClearAsync(GrainId grainId, string stateName, string? expectedETag, CancellationToken cancellationToken);
}
