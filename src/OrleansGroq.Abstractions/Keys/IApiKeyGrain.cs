using OrleansGroq.Abstractions.Upstream;

namespace OrleansGroq.Abstractions.Keys;

/// <summary>
/// One upstream API key, keyed by its alias, with one activation in the cluster: its cooldowns, its disabled flag and
/// the rate-limit headers that caused them. Cooldowns only ever get longer until they pass (max-deadline), whatever
/// order signals arrive in. Every silo subscribes a status board and reads it on the hot path, never the grain.
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
    /// Subscribes a silo's status board to every change of this key until <paramref name="observer"/> is unsubscribed
    /// or stops answering; subscribing again renews it.
    /// </summary>
    /// <returns>The key's current status, so the board starts current.</returns>
    ValueTask<ApiKeyStatus> SubscribeAsync(IApiKeyStatusObserver observer);

    /// <summary>Stops telling <paramref name="observer"/> of changes.</summary>
    ValueTask UnsubscribeAsync(IApiKeyStatusObserver observer);
}
