using OrleansGroq.Abstractions.Runtime;
using OrleansGroq.Abstractions.Upstream;

namespace OrleansGroq.Abstractions.Keys;

/// <summary>
/// One upstream API key, keyed by its alias: its cooldowns, its disabled flag and its last rate-limit headers.
/// Cooldowns only ever get longer until they pass (max-deadline), whatever order signals arrive in.
/// </summary>
public interface IApiKeyGrain : IGrainWithStringKey
{
    /// <summary>Returns the key's current status.</summary>
    ValueTask<ApiKeyStatus> GetStatusAsync();

    /// <summary>Returns the key's full state, including the last rate-limit headers, for administration.</summary>
    ValueTask<ApiKeyState> GetStateAsync();

    /// <summary>
    /// Applies the outcome of an upstream attempt made with this key: a 429 or exhausted remaining counts
    /// start a cooldown, a 401 disables the key, anything else only records the rate-limit headers.
    /// </summary>
    /// <returns>The key's status after the outcome.</returns>
    ValueTask<ApiKeyStatus> ReportOutcomeAsync(UpstreamOutcome outcome);

    /// <summary>Merges a change another node made to this key, without writing it back to storage.</summary>
    /// <returns>The key's status after the merge.</returns>
    ValueTask<ApiKeyStatus> ApplyRemoteChangeAsync(ApiKeyStateChange change);
}
