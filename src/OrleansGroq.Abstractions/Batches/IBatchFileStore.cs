namespace OrleansGroq.Abstractions.Batches;

/// <summary>
/// The files of cluster mode: batch inputs and results, kept where every silo reads them and a silo's death loses
/// none (PostgreSQL; in memory on a node without a database).
/// </summary>
public interface IBatchFileStore
{
    /// <summary>Stores a file; storing an id that exists already changes nothing, so a retried write is harmless.</summary>
    Task SaveAsync(BatchFile file, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>The file, or null when there is none with this id.</summary>
    Task<BatchFile?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>The file's content, or null when there is none with this id.</summary>
    Task<byte[]?> ReadContentAsync(string id, CancellationToken cancellationToken);

    /// <summary>The tenant's files, newest first.</summary>
    Task<IReadOnlyList<BatchFile>> ListAsync(string tenant, CancellationToken cancellationToken);

    /// <summary>Deletes a file; false when there was none.</summary>
    Task<bool> DeleteAsync(string id, CancellationToken cancellationToken);
}
