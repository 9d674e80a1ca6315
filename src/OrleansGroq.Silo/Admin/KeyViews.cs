using OrleansGroq.Abstractions.Keys;
using OrleansGroq.Abstractions.Runtime;
using OrleansGroq.Abstractions.Upstream;

namespace OrleansGroq.Silo.Admin;

/// <summary>Builds <c>GET /admin/keys</c> from the pool's statuses and the key grains' last rate-limit headers.</summary>
internal static class KeyViews
{
    public const string Available = "available";
    public const string Cooling = "cooling";
    public const string Disabled = "disabled";

    // Only a 401 disables a key: Groq's invalid_api_key (ARCHITECTURE.md §5).
    private const string DisabledReason = "invalid_api_key";

    public static async Task<KeyList> ReadAsync(IApiKeyPool pool, IGrainFactory grains, DateTimeOffset now)
    {
        var views = new List<KeyView>(pool.Keys.Count);
        foreach (var key in pool.Keys)
        {
            var status = pool.GetStatus(key.Alias);
            var state = await grains.GetGrain<IApiKeyGrain>(key.Alias).GetStateAsync();
            views.Add(View(key, status, state, now));
        }

        return new KeyList(views);
    }

    private static KeyView View(ApiKeyInfo key, ApiKeyStatus status, ApiKeyState state, DateTimeOffset now)
    {
        var limits = state.LastRateLimits is { } last ? Limits(last, state.LastRateLimitsAt) : null;
        if (status.Disabled)
        {
            return new KeyView(key.Alias, key.Account, Disabled, null, DisabledReason, limits);
        }

        // Rounded up: a client that waits until the second given finds the key usable.
        return status.CoolingUntil is { } until && until > now
            ? new KeyView(key.Alias, key.Account, Cooling, (until.ToUnixTimeMilliseconds() + 999) / 1000, CooldownReasonNames.ToName(status.Reason), limits, status.CoolingModel)
            : new KeyView(key.Alias, key.Account, Available, null, null, limits);
    }

    private static RateLimitsView Limits(RateLimitSnapshot limits, DateTimeOffset? receivedAt) => new(
        limits.LimitRequests,
        limits.RemainingRequests,
        limits.ResetRequests?.TotalSeconds,
        limits.LimitTokens,
        limits.RemainingTokens,
        limits.ResetTokens?.TotalSeconds,
        limits.RetryAfter?.TotalSeconds,
        receivedAt?.ToUnixTimeSeconds());
}
