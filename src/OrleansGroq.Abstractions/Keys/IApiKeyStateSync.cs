namespace OrleansGroq.Abstractions.Keys;

/// <summary>
/// Tells the other nodes of a cluster when a key's cooldown or disabled flag changes. The shared store merges
/// publications with max-deadline semantics (a shorter cooldown never shortens a longer one, a disabled key stays
/// disabled), so they may arrive in any order; every node applies the merged result with
/// <see cref="IApiKeyGrain.ApplyRemoteChangeAsync"/>. A single node has no one to tell, and its default does nothing.
/// </summary>
public interface IApiKeyStateSync
{
    /// <summary>Publishes a key's merged cooldown and disabled flag after they changed on this node.</summary>
    /// <param name="alias">The key's alias; a key is never named by its secret.</param>
    /// <param name="change">The key's state as this node now knows it.</param>
    /// <param name="cancellationToken">Cancels the publication.</param>
    Task PublishAsync(string alias, ApiKeyStateChange change, CancellationToken cancellationToken);
}
