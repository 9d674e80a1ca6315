using System.Collections.Concurrent;
using OrleansGroq.Emulator.Completions;

namespace OrleansGroq.Emulator.Caching;

/// <summary>
/// Groq's prompt caching as far as accounting goes: per account and model, a prompt prefix that ends
/// on a message boundary and holds at least 128 tokens is cached for 2 hours after its last use;
/// a later request that starts with it reports those tokens as cached.
/// </summary>
internal sealed class PromptCache(TimeProvider time)
{
    public const int MinimumTokens = 128;
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(2);

    // Past this many entries expired ones are swept, and if that is not enough the cache starts over:
    // a benchmark of unique long prompts must not grow memory without bound.
    private const int SweepThreshold = 200_000;

    private readonly ConcurrentDictionary<(string Account, string Model, ulong Prefix), DateTimeOffset> _entries = new();
    private int _stores;

    /// <summary>Tokens of the longest cached prefix of this prompt, or 0.</summary>
    public int Lookup(string account, string model, ReadOnlySpan<PromptPrefix> prefixes)
    {
        var now = time.GetUtcNow();
        for (var i = prefixes.Length - 1; i >= 0; i--)
        {
            var prefix = prefixes[i];
            if (prefix.Tokens < MinimumTokens)
            {
                return 0;
            }

            if (_entries.TryGetValue((account, model, prefix.Hash), out var expires) && expires > now)
            {
                return prefix.Tokens;
            }
        }

        return 0;
    }

    /// <summary>Caches every long-enough prefix of this prompt, renewing their lifetime.</summary>
    public void Store(string account, string model, ReadOnlySpan<PromptPrefix> prefixes)
    {
        var expires = time.GetUtcNow() + Lifetime;
        foreach (var prefix in prefixes)
        {
            if (prefix.Tokens >= MinimumTokens)
            {
                _entries[(account, model, prefix.Hash)] = expires;
                if (Interlocked.Increment(ref _stores) % SweepThreshold == 0)
                {
                    Sweep();
                }
            }
        }
    }

    public void Clear() => _entries.Clear();

    private void Sweep()
    {
        var now = time.GetUtcNow();
        var kept = 0;
        foreach (var entry in _entries)
        {
            if (entry.Value <= now)
            {
                _entries.TryRemove(entry.Key, out _);
            }
            else
            {
                kept++;
            }
        }

        if (kept >= SweepThreshold)
        {
            _entries.Clear();
        }
    }
}
