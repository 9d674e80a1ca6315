using OrleansGroq.Abstractions.Keys;

namespace OrleansGroq.Grains.Keys;

/// <summary>
/// Rendezvous (highest-random-weight) hashing of the affinity over the keys: each affinity has a preferred key and
/// an order of fallbacks, the same on every node, and removing a key moves only the affinities that preferred it.
/// Runs on every request: it reads published statuses, allocates nothing and never calls a grain.
/// </summary>
internal sealed class ApiKeyPool(ApiKeyRegistry registry, TimeProvider clock) : IApiKeyPool
{
    private const int MaxStackAccounts = 256;

    public IReadOnlyList<ApiKeyInfo> Keys => registry.Keys;

    public ApiKeySelection Select(string affinity, ReadOnlySpan<string> excludedAliases = default, ReadOnlySpan<string> avoidedAccounts = default, string? model = null)
    {
        ArgumentNullException.ThrowIfNull(affinity);
        var entries = registry.Entries;
        var now = clock.GetUtcNow();
        var affinityHash = AffinityHash.Of(affinity);

        // An account is tainted when the caller avoids it or one of its keys is cooling down: a 429 is per
        // organization, so its other keys are likely limited too.
        var accountCount = registry.AccountCount;
        var tainted = accountCount <= MaxStackAccounts ? stackalloc bool[accountCount] : new bool[accountCount];

        ApiKeyEntry? preferred = null;
        var preferredWeight = 0UL;
        var preferredUsable = false;
        DateTimeOffset? retryAt = null;
        foreach (var entry in entries)
        {
            var status = entry.Status;
            if (status.Disabled)
            {
                continue;
            }

            var available = status.IsAvailableAt(now, model);
            if (!available)
            {
                tainted[entry.AccountIndex] = true;
                retryAt = retryAt is { } earliest && earliest <= status.CoolingUntil ? earliest : status.CoolingUntil;
            }
            else if (avoidedAccounts.Contains(entry.Info.Account))
            {
                tainted[entry.AccountIndex] = true;
            }

            var weight = AffinityHash.Weight(affinityHash, entry.Hash);
            if (preferred is null || weight > preferredWeight)
            {
                preferred = entry;
                preferredWeight = weight;
                preferredUsable = available && !excludedAliases.Contains(entry.Info.Alias) && !avoidedAccounts.Contains(entry.Info.Account);
            }
        }

        if (preferred is null)
        {
            return default;
        }

        if (preferredUsable)
        {
            return new ApiKeySelection(preferred.Info, null, Rotated: false);
        }

        ApiKeyEntry? clean = null, fallback = null;
        ulong cleanWeight = 0, fallbackWeight = 0;
        foreach (var entry in entries)
        {
            if (!entry.Status.IsAvailableAt(now, model) || excludedAliases.Contains(entry.Info.Alias))
            {
                continue;
            }

            var weight = AffinityHash.Weight(affinityHash, entry.Hash);
            if (!tainted[entry.AccountIndex])
            {
                if (clean is null || weight > cleanWeight)
                {
                    (clean, cleanWeight) = (entry, weight);
                }
            }
            else if (fallback is null || weight > fallbackWeight)
            {
                (fallback, fallbackWeight) = (entry, weight);
            }
        }

        return (clean ?? fallback) is { } chosen
            ? new ApiKeySelection(chosen.Info, null, Rotated: true)
            : new ApiKeySelection(null, retryAt, Rotated: true);
    }

    public ApiKeyStatus GetStatus(string alias) => Entry(alias).Status;

    public ObservedRateLimits? GetLastRateLimits(string alias) => Entry(alias).LastRateLimits;

    private ApiKeyEntry Entry(string alias) =>
        registry.TryGet(alias, out var entry) ? entry : throw new KeyNotFoundException($"No API key has the alias '{alias}'.");
}
