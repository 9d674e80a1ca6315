using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace OrleansGroq.Grains.Conversations;

/// <summary>
/// This silo's view of which front ends have died: one watch of the cluster's membership for the silo, and a token per
/// front-end silo that a conversation's running turns wait on, cancelled as soon as the membership declares that silo
/// dead. A turn's LLM call runs on the silo that took its HTTP request; when that silo dies its client's connection dies
/// with it, and nothing will complete or abandon the turn.
/// </summary>
internal sealed partial class FrontEndDeaths(IClusterMembershipService membership, ILogger<FrontEndDeaths> logger)
    : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private readonly ConcurrentDictionary<SiloAddress, CancellationTokenSource> _watched = new();
    private readonly CancellationTokenSource _stopping = new();
    private Task _watch = Task.CompletedTask;
    private int _disposed;

    /// <summary>Whether the membership has declared <paramref name="silo"/> dead.</summary>
    public bool IsDead(SiloAddress silo) => membership.CurrentSnapshot.GetSiloStatus(silo) == SiloStatus.Dead;

    /// <summary>A token cancelled once <paramref name="silo"/> is declared dead; already cancelled when it is.</summary>
    public CancellationToken WhenDead(SiloAddress silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        if (IsDead(silo))
        {
            return new CancellationToken(canceled: true);
        }

        var token = _watched.GetOrAdd(silo, static _ => new CancellationTokenSource()).Token;

        // The watch may have taken the death between the check and the add, and found nothing to cancel.
        if (IsDead(silo))
        {
            Cancel(silo);
        }

        return token;
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(FrontEndDeaths), ServiceLifecycleStage.Active, Start, StopAsync);

    /// <summary>Starts watching the membership; the silo's lifecycle calls it once the silo is active.</summary>
    public Task Start(CancellationToken cancellationToken)
    {
        _watch = WatchAsync(_stopping.Token);
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        // The container disposes it once as itself and once as the lifecycle participant it also is.
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _stopping.Cancel();
            _stopping.Dispose();
        }
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _watch.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task WatchAsync(CancellationToken stopping)
    {
        try
        {
            // No context to return to: the turns' callbacks post to their grains themselves.
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stopping).ConfigureAwait(false))
            {
                foreach (var member in snapshot.Members.Values)
                {
                    if (member.Status == SiloStatus.Dead)
                    {
                        Cancel(member.SiloAddress);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The silo is stopping.
        }
    }

    private void Cancel(SiloAddress silo)
    {
        // Not disposed: a turn may still be linking to its token, and a source with no timer holds nothing to free.
        if (!_watched.TryRemove(silo, out var source))
        {
            return;
        }

        try
        {
            source.Cancel();
        }
        catch (AggregateException exception)
        {
            // Every turn still heard of the death; one whose callback threw must not stop the watch for the others.
            Log.CallbackFailed(logger, silo, exception);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 8002, EventName = "FrontEndDeathCallbackFailed", Level = LogLevel.Warning,
            Message = "Letting go of the turns whose front end {Silo} died failed for some; their lease ends them instead.")]
        public static partial void CallbackFailed(ILogger logger, SiloAddress silo, Exception exception);
    }
}
