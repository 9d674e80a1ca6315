using System.Collections.Concurrent;
using OrleansGroq.Abstractions.Keys;

namespace OrleansGroq.Tests.Keys;

/// <summary>Keeps what the key grains publish; each publication completes as <see cref="Publish"/> says.</summary>
internal sealed class RecordingApiKeyStateSync : IApiKeyStateSync
{
    public ConcurrentQueue<(string Alias, ApiKeyStateChange Change)> Published { get; } = new();

    public Func<Task> Publish { get; set; } = () => Task.CompletedTask;

    public Task PublishAsync(string alias, ApiKeyStateChange change, CancellationToken cancellationToken)
    {
        Published.Enqueue((alias, change));
        return Publish();
    }
}
