using OrleansGroq.Abstractions.Keys;

namespace OrleansGroq.Grains.Keys;

/// <summary>The embedded default: one node, no one else to tell. The PostgreSQL package replaces it.</summary>
internal sealed class SingleNodeApiKeyStateSync : IApiKeyStateSync
{
    public Task PublishAsync(string alias, ApiKeyStateChange change, CancellationToken cancellationToken) => Task.CompletedTask;
}
