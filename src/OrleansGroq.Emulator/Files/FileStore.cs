using System.Collections.Concurrent;
using OrleansGroq.Emulator.Http;

namespace OrleansGroq.Emulator.Files;

/// <summary>Files in memory, each visible only to the organization that owns it, as Groq scopes them.</summary>
internal sealed class FileStore(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, StoredFile> _files = new(StringComparer.Ordinal);

    public StoredFile Add(string accountId, string filename, string purpose, byte[] content)
    {
        var file = new StoredFile(RequestIds.NewId("file_", time), accountId, filename, purpose, content, time.GetUtcNow());
        _files[file.Id] = file;
        return file;
    }

    /// <summary>The file, if <paramref name="accountId"/> owns it; another organization's file does not exist for it.</summary>
    public StoredFile? Find(string accountId, string id) =>
        _files.TryGetValue(id, out var file) && file.AccountId == accountId ? file : null;

    /// <summary>The organization's files, newest first.</summary>
    public IReadOnlyList<StoredFile> List(string accountId, string? purpose) =>
        [.. _files.Values.Where(f => f.AccountId == accountId && (purpose is null || f.Purpose == purpose)).OrderByDescending(f => f.CreatedAt).ThenByDescending(f => f.Id, StringComparer.Ordinal)];

    public bool Delete(string accountId, string id) => Find(accountId, id) is not null && _files.TryRemove(id, out _);

    public void Clear() => _files.Clear();
}
