using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Caching;

namespace OrleansGroq.Grains.Caching;

/// <summary>
/// Responses to deterministic chat requests (seed 000 middleware: LRU of 500 for 10 minutes), bounded in entries and
/// in time. An expired entry is a miss and is dropped when met; beyond <see cref="ResponseCacheOptions.MaxEntries"/>
/// the least recently read or written entry goes. Thread-safe: one lock around a dictionary and a recency list, held
/// only for lookups and pointer moves (hashing happens in <see cref="CacheKey.Create"/>, outside it).
/// </summary>
public sealed class ResponseCache
{
    private readonly Lock _gate = new();
    private readonly Dictionary<CacheKey, LinkedListNode<(CacheKey Key, CachedResponse Response)>> _entries = [];

    // Most recently used first.
    private readonly LinkedList<(CacheKey Key, CachedResponse Response)> _recency = new();
    private readonly ResponseCacheOptions _options;
    private readonly TimeProvider _time;
    private long _hits;
    private long _misses;
    private long _evictions;

    public ResponseCache(IOptions<ResponseCacheOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _options = options.Value;
        _time = time;
    }

    /// <summary>When false, nothing is stored or found, so callers can skip hashing the body.</summary>
    public bool Enabled => _options.Enabled;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Lookups that found a live entry.</summary>
    public long Hits => Volatile.Read(ref _hits);

    /// <summary>Lookups that found nothing or an expired entry; a disabled cache counts none.</summary>
    public long Misses => Volatile.Read(ref _misses);

    /// <summary>Entries dropped to stay within <see cref="ResponseCacheOptions.MaxEntries"/>; expired entries are not counted.</summary>
    public long Evictions => Volatile.Read(ref _evictions);

    public bool TryGet(in CacheKey key, [NotNullWhen(true)] out CachedResponse? response)
    {
        response = null;
        if (!_options.Enabled)
        {
            return false;
        }

        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (!_entries.TryGetValue(key, out var node))
            {
                _misses++;
                return false;
            }

            if (IsExpired(node.Value.Response, now))
            {
                Remove(node);
                _misses++;
                return false;
            }

            _recency.Remove(node);
            _recency.AddFirst(node);
            _hits++;
            response = node.Value.Response;
            return true;
        }
    }

    /// <summary>Stores a complete, successful response body, replacing any entry under the key. The cache keeps the array: do not change it afterwards.</summary>
    public void Set(in CacheKey key, byte[] body, string model)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(model);
        if (!_options.Enabled)
        {
            return;
        }

        var entry = (key, new CachedResponse(body, model, _time.GetUtcNow()));
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                node.Value = entry;
                _recency.Remove(node);
                _recency.AddFirst(node);
                return;
            }

            _entries.Add(key, _recency.AddFirst(entry));
            while (_entries.Count > _options.MaxEntries && _recency.Last is { } oldest)
            {
                Remove(oldest);
                _evictions++;
            }
        }
    }

    private bool IsExpired(CachedResponse response, DateTimeOffset now) => now - response.StoredAt >= _options.TimeToLive;

    private void Remove(LinkedListNode<(CacheKey Key, CachedResponse Response)> node)
    {
        _recency.Remove(node);
        _entries.Remove(node.Value.Key);
    }
}
