using System.Collections.Concurrent;

namespace OrleansGroq.Emulator.Control;

/// <summary>Counters per key alias and model, updated lock-free on the hot path.</summary>
internal sealed class StatsRecorder
{
    private ConcurrentDictionary<(string Key, string Model), Counters> _counters = new();
    private long _unauthorized;

    public void Unauthorized() => Interlocked.Increment(ref _unauthorized);

    /// <summary>A request that arrived and ended at once: counted and settled together.</summary>
    public void Record(string key, string model, RequestOutcome outcome, int promptTokens = 0, int completionTokens = 0, int cachedTokens = 0)
    {
        Arrived(key, model);
        Settled(key, model, outcome, promptTokens, completionTokens, cachedTokens);
    }

    /// <summary>
    /// Counts a request the moment it is parsed, not when it ends: a caller that timed out and moved on
    /// must find its request counted even while the emulator is still winding the stalled one down.
    /// </summary>
    public void Arrived(string key, string model) =>
        Interlocked.Increment(ref _counters.GetOrAdd((key, model), static _ => new Counters()).Requests);

    public void Settled(string key, string model, RequestOutcome outcome, int promptTokens = 0, int completionTokens = 0, int cachedTokens = 0)
    {
        var counters = _counters.GetOrAdd((key, model), static _ => new Counters());
        switch (outcome)
        {
            case RequestOutcome.Served:
                Interlocked.Increment(ref counters.Served);
                break;
            case RequestOutcome.RateLimited:
                Interlocked.Increment(ref counters.RateLimited);
                break;
            case RequestOutcome.TooLarge:
                Interlocked.Increment(ref counters.TooLarge);
                break;
            default:
                Interlocked.Increment(ref counters.Errors);
                break;
        }

        if (promptTokens + completionTokens > 0)
        {
            Interlocked.Add(ref counters.PromptTokens, promptTokens);
            Interlocked.Add(ref counters.CompletionTokens, completionTokens);
            Interlocked.Add(ref counters.CachedTokens, cachedTokens);
        }
    }

    public EmulatorStats Snapshot()
    {
        var entries = _counters
            .Select(pair => pair.Value.ToStats(pair.Key.Key, pair.Key.Model))
            .OrderBy(s => s.Key, StringComparer.Ordinal)
            .ThenBy(s => s.Model, StringComparer.Ordinal)
            .ToList();
        var totals = new KeyModelStats
        {
            Key = "*",
            Model = "*",
            Requests = entries.Sum(e => e.Requests),
            Served = entries.Sum(e => e.Served),
            RateLimited = entries.Sum(e => e.RateLimited),
            TooLarge = entries.Sum(e => e.TooLarge),
            Errors = entries.Sum(e => e.Errors),
            PromptTokens = entries.Sum(e => e.PromptTokens),
            CompletionTokens = entries.Sum(e => e.CompletionTokens),
            CachedTokens = entries.Sum(e => e.CachedTokens),
        };
        return new EmulatorStats { Entries = entries, Totals = totals, Unauthorized = Interlocked.Read(ref _unauthorized) };
    }

    public void Reset()
    {
        _counters = new ConcurrentDictionary<(string Key, string Model), Counters>();
        Interlocked.Exchange(ref _unauthorized, 0);
    }

    private sealed class Counters
    {
        public long Requests;
        public long Served;
        public long RateLimited;
        public long TooLarge;
        public long Errors;
        public long PromptTokens;
        public long CompletionTokens;
        public long CachedTokens;

        public KeyModelStats ToStats(string key, string model) => new()
        {
            Key = key,
            Model = model,
            Requests = Interlocked.Read(ref Requests),
            Served = Interlocked.Read(ref Served),
            RateLimited = Interlocked.Read(ref RateLimited),
            TooLarge = Interlocked.Read(ref TooLarge),
            Errors = Interlocked.Read(ref Errors),
            PromptTokens = Interlocked.Read(ref PromptTokens),
            CompletionTokens = Interlocked.Read(ref CompletionTokens),
            CachedTokens = Interlocked.Read(ref CachedTokens),
        };
    }
}
