using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using OrleansGroq.Abstractions.Keys;

namespace OrleansGroq.Grains.Keys;

/// <summary>
/// This silo's board of key statuses: once the silo is active it subscribes to every key's grain, taking each key's
/// current status (persisted cooldowns and disabled keys included) before the first request, and then every change.
/// Subscriptions are renewed on a timer, so a key grain that re-activated elsewhere after its silo died learns of
/// this board again within <see cref="RenewEvery"/>.
/// </summary>
internal sealed partial class ApiKeyStatusBoard(
    ApiKeyRegistry registry, IGrainFactory grains, TimeProvider clock, ILogger<ApiKeyStatusBoard> logger)
    : IApiKeyStatusObserver, ILifecycleParticipant<ISiloLifecycle>
{
    internal static readonly TimeSpan RenewEvery = TimeSpan.FromMinutes(1);

    private IApiKeyStatusObserver? _reference;
    private ITimer? _renewal;

    public Task StatusChangedAsync(ApiKeyStatus status)
    {
        if (registry.TryGet(status.Key.Alias, out var entry))
        {
            entry.Apply(status);
        }

        return Task.CompletedTask;
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(ApiKeyStatusBoard), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        _reference = grains.CreateObjectReference<IApiKeyStatusObserver>(this);
        await SubscribeAllAsync(cancellationToken);
        _renewal = clock.CreateTimer(static board => _ = ((ApiKeyStatusBoard)board!).RenewAsync(), this, RenewEvery, RenewEvery);
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_renewal is not null)
        {
            await _renewal.DisposeAsync();
        }

        if (_reference is not null)
        {
            grains.DeleteObjectReference<IApiKeyStatusObserver>(_reference);
        }
    }

    private async Task SubscribeAllAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(registry.Entries.Select(async entry =>
            entry.Apply(await grains.GetGrain<IApiKeyGrain>(entry.Info.Alias).SubscribeAsync(_reference!).AsTask().WaitAsync(cancellationToken))));
    }

    private async Task RenewAsync()
    {
        try
        {
            await SubscribeAllAsync(CancellationToken.None);
        }
        catch (Exception exception)
        {
            Log.RenewFailed(logger, RenewEvery, exception);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2010, EventName = "ApiKeySubscriptionRenewFailed", Level = LogLevel.Warning,
            Message = "Renewing this silo's subscriptions to the key grains failed; they are tried again in {RenewEvery}.")]
        public static partial void RenewFailed(ILogger logger, TimeSpan renewEvery, Exception exception);
    }
}
