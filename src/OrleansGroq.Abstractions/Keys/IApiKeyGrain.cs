using Orleans.Runtime;
using OrleansGroq.Abstractions.Upstream;

namespace OrleansGroq.Abstractions.Keys;

/// <summary>
/// One upstream API key, keyed by its alias, with one activation in the cluster: its cooldowns, its disabled flag and
/// the rate-limit headers that caused them. Cooldowns only ever get longer until they pass (max-deadline), whatever
/// order signals arrive in. The grain tells every silo's status board (<see cref="IApiKeyBoard"/>) of each change, and
/// silos read their board on the hot path, never the grain.
/// </summary>
public interface IApiKeyGrain : IGrainWithStringKey
{
    /// <summary>Returns the key's full state, including the last rate-limit headers it was told of, for administration.</summary>
    ValueTask<ApiKeyState> GetStateAsync();

    /// <summary>
    /// Applies the outcome of an upstream attempt made with this key: a 429 or exhausted remaining counts start a
    /// cooldown, a 401 disables the key. Callers report only outcomes that change the key (see <c>CooldownPolicy</c>).
    /// </summary>
    /// <returns>The key's status after the outcome.</returns>
    ValueTask<ApiKeyStatus> ReportOutcomeAsync(UpstreamOutcome outcome);

    /// <summary>
    /// Returns the key's current status to the board of <paramref name="silo"/>, so that the board starts current and
    /// catches up on anything it missed. The grain tells every silo in the cluster's membership of each change; one it
    /// does not know yet is looked up first, so that no change after this call misses it.
    /// </summary>
    ValueTask<ApiKeyStatus> SubscribeAsync(SiloAddress silo);
}
