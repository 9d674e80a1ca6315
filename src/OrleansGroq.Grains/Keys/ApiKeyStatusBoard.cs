using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using OrleansGroq.Abstractions.Keys;

namespace OrleansGroq.Grains.Keys;

/// <summary>
/// This silo's board of key statuses: once the silo is active it subscribes to every key's grain, taking each key's
/// current status (persisted cooldowns and disabled keys included) before the first request, and then every change.
/// A key grain whose silo died comes back on a survivor with no subscribers, so the board subscribes again as soon as
/// the membership declares any silo dead; the subscriptions are also renewed every
/// <see cref="ApiKeyPoolOptions.SubscriptionRenewal"/>, which catches whatever that misses.
/// </summary>
internal sealed partial class ApiKeyStatusBoard(
    ApiKeyRegistry registry,
    IGrainFactory grains,
    IClusterMembershipService membership,
    IOptions<ApiKeyPoolOptions> options,
    TimeProvider clock,
    ILogger<ApiKeyStatusBoard> logger)
    : IApiKeyStatusObserver, ILifecycleParticipant<ISiloLifecycle>
{
    // Right after a death this silo may still route a call to the dead silo's activation, which then fails; a few
    // tries a moment apart cover the time the runtime takes to let go of it.
    internal static readonly TimeSpan ResubscribeRetryDelay = TimeSpan.FromMilliseconds(200);
    private const int ResubscribeAttempts = 5;

    private readonly CancellationTokenSource _stopping = new();

    // The renewal repairs a board its key grain stopped telling: Orleans' ObserverManager drops an observer whose
    // notification failed, and the default grain directory may briefly allow a second activation of a grain while
    // silos join or leave, whose subscribers the other never tells. In about one cooldowns benchmark run in twenty,
    // one silo missed every change for about half a minute and then caught up at once. A renewal is a small call per key.
    private TimeSpan RenewEvery => options.Value.SubscriptionRenewal;
    private IApiKeyStatusObserver? _reference;
    private ITimer? _renewal;
    private Task _deaths = Task.CompletedTask;

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
        var known = membership.CurrentSnapshot;
        await SubscribeAllAsync(cancellationToken);
        _renewal = clock.CreateTimer(static board => _ = ((ApiKeyStatusBoard)board!).RenewAsync(), this, RenewEvery, RenewEvery);
        _deaths = WatchDeathsAsync(known, _stopping.Token);
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_renewal is not null)
        {
            await _renewal.DisposeAsync();
        }

        await _deaths.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stopping.Dispose();
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

    private async Task WatchDeathsAsync(ClusterMembershipSnapshot known, CancellationToken stopping)
    {
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stopping))
            {
                var update = snapshot.CreateUpdate(known);
                known = snapshot;
                if (update.Changes.Any(member => member.Status == SiloStatus.Dead))
                {
                    await ResubscribeAsync(stopping);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The silo is stopping.
        }
    }

    private async Task ResubscribeAsync(CancellationToken stopping)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await SubscribeAllAsync(stopping);
                return;
            }
            catch (Exception exception) when (!stopping.IsCancellationRequested)
            {
                if (attempt == ResubscribeAttempts)
                {
                    Log.ResubscribeFailed(logger, attempt, RenewEvery, exception);
                    return;
                }
            }

            await Task.Delay(ResubscribeRetryDelay, clock, stopping);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2010, EventName = "ApiKeySubscriptionRenewFailed", Level = LogLevel.Warning,
            Message = "Renewing this silo's subscriptions to the key grains failed; they are tried again in {RenewEvery}.")]
        public static partial void RenewFailed(ILogger logger, TimeSpan renewEvery, Exception exception);

        [LoggerMessage(EventId = 2011, EventName = "ApiKeyResubscribeAfterDeathFailed", Level = LogLevel.Warning,
            Message = "Subscribing again to the key grains after a silo died failed {Attempts} times; the renewal tries again within {RenewEvery}.")]
        public static partial void ResubscribeFailed(ILogger logger, int attempts, TimeSpan renewEvery, Exception exception);
    }
}
