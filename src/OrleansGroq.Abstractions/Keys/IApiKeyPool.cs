namespace OrleansGroq.Abstractions.Keys;

/// <summary>
/// Chooses the upstream key for a request. The same affinity always gets the same key while that key is
/// available, so a session's prompt-cache prefix stays on one organization; keys rotate only when the preferred
/// one cools down or is disabled. Selection reads published statuses and never calls a grain.
/// </summary>
public interface IApiKeyPool
{
    /// <summary>All configured keys.</summary>
    IReadOnlyList<ApiKeyInfo> Keys { get; }

    /// <summary>Chooses a key for <paramref name="affinity"/>.</summary>
    /// <param name="affinity">The session id (<c>x-session-id</c>) or a stable client identity.</param>
    /// <param name="excludedAliases">Keys that must not be returned, e.g. the one that just failed.</param>
    /// <param name="avoidedAccounts">
    /// Accounts whose keys are used only when no other account has an available key, e.g. the account that just
    /// answered 429: its limits are per organization, so its other keys are likely limited too.
    /// </param>
    /// <param name="model">The model the request is for: a key cooling down for another model's limits may serve it.</param>
    ApiKeySelection Select(string affinity, ReadOnlySpan<string> excludedAliases = default, ReadOnlySpan<string> avoidedAccounts = default, string? model = null);

    /// <summary>The status of a key as its grain last told this silo.</summary>
    /// <exception cref="KeyNotFoundException">No key has this alias.</exception>
    ApiKeyStatus GetStatus(string alias);

    /// <summary>The rate-limit headers this silo last received for a key, or <see langword="null"/>.</summary>
    /// <exception cref="KeyNotFoundException">No key has this alias.</exception>
    ObservedRateLimits? GetLastRateLimits(string alias);
}
