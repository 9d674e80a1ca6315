using OrleansGroq.Abstractions.Keys;
using OrleansGroq.Abstractions.Upstream;

namespace OrleansGroq.Silo.Admin;

/// <summary>Builds <c>GET /admin/keys</c> from this silo's board: the statuses the key grains told it, and the last rate-limit headers it received.</summary>
internal static class KeyViews
{
    public const string Available = "available";
    public const string Cooling = "cooling";
    public const string Disabled = "disabled";

    // Only a 401 disables a key: Groq's invalid_api_key (ARCHITECTURE.md §5).
    private const string DisabledReason = "invalid_api_key";

    public static KeyList Read(IApiKeyPool pool, DateTimeOffset now) =>
        new([.. pool.Keys.Select(key => View(key, pool.GetStatus(key.Alias), pool.GetLastRateLimits(key.Alias), now))]);

    private static KeyView View(ApiKeyInfo key, ApiKeyStatus status, ObservedRateLimits? last, DateTimeOffset now)
    {
        var limits = last is not null ? Limits(last.Limits, last.ReceivedAt) : null;
        if (status.Disabled)
        {
            return new KeyView(key.Alias, key.Account, Disabled, null, DisabledReason, limits);
        }

        // Rounded up: a client that waits until the second given finds the key usable.
        return status.CoolingUntil is { } until && until > now
            ? new KeyView(key.Alias, key.Account, Cooling, (until.ToUnixTimeMilliseconds() + 999) / 1000, CooldownReasonNames.ToName(status.Reason), limits, status.CoolingModel)
            : new KeyView(key.Alias, key.Account, Available, null, null, limits);
    }

    private static RateLimitsView Limits(RateLimitSnapshot limits, DateTimeOffset receivedAt) => new(
        limits.LimitRequests,
        limits.RemainingRequests,
        limits.ResetRequests?.TotalSeconds,
        limits.LimitTokens,
        limits.RemainingTokens,
        limits.ResetTokens?.TotalSeconds,
        limits.RetryAfter?.TotalSeconds,
        receivedAt.ToUnixTimeSeconds());
}
