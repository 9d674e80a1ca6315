using Microsoft.Extensions.Hosting;
using OrleansGroq.Abstractions.Keys;
using OrleansGroq.Abstractions.Runtime;

namespace OrleansGroq.Grains.Keys;

/// <summary>
/// Activates every key grain at start so that persisted cooldowns and disabled keys are on the pool's status
/// board before the first request; the pool itself never calls a grain.
/// </summary>
internal sealed class ApiKeyStatusLoader(ApiKeyRegistry registry, IGrainFactory grains) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var entry in registry.Entries)
        {
            await grains.GetGrain<IApiKeyGrain>(entry.Info.Alias).GetStatusAsync().AsTask().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
