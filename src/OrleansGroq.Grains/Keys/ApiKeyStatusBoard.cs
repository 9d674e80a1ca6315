using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using OrleansGroq.Abstractions.Keys;

namespace OrleansGroq.Grains.Keys;

/// <summary>
/// This silo's board of key statuses, which request routing reads without a grain call. Each key grain tells it of
/// every change through this silo's <see cref="ApiKeyBoardService"/>. Once the silo is active the board subscribes to
/// every key's grain, taking each key's current status (persisted cooldowns and disabled keys included) before the first
/// request; it subscribes again every <see cref="ApiKeyPoolOptions.SubscriptionRenewal"/>, which catches up on a change
/// whose one-way message was lost.
/// </summary>
internal sealed partial class ApiKeyStatusBoard(
    ApiKeyRegistry registry,
    IGrainFactory grains,
    ILocalSiloDetails silo,
    IOptions<ApiKeyPoolOptions> options,
    TimeProvider clock,
    ILogger<ApiKeyStatusBoard> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource _stopping = new();
    private ITimer? _renewal;

    private TimeSpan RenewEvery => options.Value.SubscriptionRenewal;

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
        await SubscribeAllAsync(cancellationToken);
        _renewal = clock.CreateTimer(static board => _ = ((ApiKeyStatusBoard)board!).RenewAsync(), this, RenewEvery, RenewEvery);
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_renewal is not null)
        {
            await _renewal.DisposeAsync();
        }

        _stopping.Dispose();
    }

    private async Task SubscribeAllAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(registry.Entries.Select(async entry =>
            entry.Apply(await grains.GetGrain<IApiKeyGrain>(entry.Info.Alias).SubscribeAsync(silo.SiloAddress).AsTask().WaitAsync(cancellationToken))));
    }

    private async Task RenewAsync()
    {
        try
        {
            await SubscribeAllAsync(_stopping.Token);
        }
        catch (Exception exception) when (!_stopping.IsCancellationRequested)
        {
            Log.RenewFailed(logger, RenewEvery, exception);
        }
        catch (OperationCanceledException)
        {
            // The silo is stopping.
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2010, EventName = "ApiKeySubscriptionRenewFailed", Level = LogLevel.Warning,
            Message = "Renewing this silo's subscriptions to the key grains failed; they are tried again in {RenewEvery}.")]
        public static partial void RenewFailed(ILogger logger, TimeSpan renewEvery, Exception exception);
    }
}
