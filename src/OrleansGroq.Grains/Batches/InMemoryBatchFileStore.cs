using System.Collections.Concurrent;
using OrleansGroq.Abstractions.Batches;

namespace OrleansGroq.Grains.Batches;

/// <summary>The files of cluster mode on a node without a database: in this process, gone with it.</summary>
public sealed class InMemoryBatchFileStore : IBatchFileStore
{
    private readonly ConcurrentDictionary<string, (BatchFile File, byte[] Content)> _files = new(StringComparer.Ordinal);

    public Task SaveAsync(BatchFile file, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        _files.TryAdd(file.Id, (file, content.ToArray()));
        return Task.CompletedTask;
    }

    public Task<BatchFile?> FindAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult(_files.TryGetValue(id, out var entry) ? entry.File : null);

    public Task<byte[]?> ReadContentAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult(_files.TryGetValue(id, out var entry) ? entry.Content : null);

    public Task<IReadOnlyList<BatchFile>> ListAsync(string tenant, CancellationToken cancellationToken)
    {
        IReadOnlyList<BatchFile> files = [.. _files.Values.Select(e => e.File).Where(f => f.Tenant == tenant)
            .OrderByDescending(f => f.CreatedAt).ThenByDescending(f => f.Id, StringComparer.Ordinal)];
        return Task.FromResult(files);
    }

    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken) => Task.FromResult(_files.TryRemove(id, out _));
}
