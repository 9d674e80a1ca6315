using System.Globalization;
using System.Text.Json;
using OrleansGroq.Abstractions.Runtime;

namespace OrleansGroq.Grains.Runtime;

/// <summary>
/// Grain storage for a single node. Records are kept as JSON, not as the objects grains hold, so that a state
/// changed after its write is not silently "persisted" and a state that would not round-trip through the
/// PostgreSQL store fails here too.
/// </summary>
internal sealed class InMemoryGrainStorage : IGrainStorage
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(GrainId GrainId, string StateName), Entry> _records = [];
    private long _version;

    public Task<StoredGrainState<TState>?> ReadAsync<TState>(GrainId grainId, string stateName, CancellationToken cancellationToken)
    {
        Entry? entry;
        lock (_gate)
        {
            _records.TryGetValue((grainId, stateName), out entry);
        }

        var state = entry is null ? null : new StoredGrainState<TState>(JsonSerializer.Deserialize<TState>(entry.Json)!, entry.ETag);
        return Task.FromResult(state);
    }

    public Task<string> WriteAsync<TState>(GrainId grainId, string stateName, TState state, string? expectedETag, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(state);
        lock (_gate)
        {
            CheckETag(grainId, stateName, expectedETag);
            var etag = (++_version).ToString(CultureInfo.InvariantCulture);
            _records[(grainId, stateName)] = new Entry(json, etag);
            return Task.FromResult(etag);
        }
    }

    public Task ClearAsync(GrainId grainId, string stateName, string? expectedETag, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            CheckETag(grainId, stateName, expectedETag);
            _records.Remove((grainId, stateName));
        }

        return Task.CompletedTask;
    }

    private void CheckETag(GrainId grainId, string stateName, string? expectedETag)
    {
        var stored = _records.TryGetValue((grainId, stateName), out var entry) ? entry.ETag : null;
        if (!string.Equals(stored, expectedETag, StringComparison.Ordinal))
        {
            throw new InconsistentStateException(
                $"State '{stateName}' of {grainId} was written by another activation (stored ETag '{stored}', expected '{expectedETag}').");
        }
    }

    private sealed record Entry(byte[] Json, string ETag);
}
