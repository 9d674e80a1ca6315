using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;
using OrleansGroq.Grains.Conversations;

namespace OrleansGroq.Silo.Shutdown;

/// <summary>
/// The first step of the node's stop (SIGTERM, or the host stopped by its owner), taken before any service stops:
/// <list type="number">
/// <item>readiness fails and every new request is refused with 503 <c>shutting_down</c>;</item>
/// <item>the requests already admitted, streams included, run to their end, for up to <see cref="ShutdownOptions.DrainTimeout"/>;</item>
/// <item>the HTTP server stops listening and closes its connections, cutting off any request still running;</item>
/// <item>meanwhile, from the first step on and within the same drain time, the conversations active on this silo end
/// their turns, those of other nodes' requests included, and move to other silos (<see cref="ConversationHandover"/>).</item>
/// </list>
/// Only then do the host's services stop, the Orleans silo among them, which leaves the cluster gracefully.
/// </summary>
internal sealed partial class DrainOnStop(
    NodeDrain drain,
    ConversationHandover handover,
    IServer server,
    IOptions<ShutdownOptions> options,
    TimeProvider time,
    ILogger<DrainOnStop> logger) : IHostedLifecycleService
{
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        var timeout = options.Value.DrainTimeout;
        var start = time.GetTimestamp();
        LogDraining(drain.InFlight, timeout.TotalSeconds);
        var idle = drain.BeginAsync();
        using var drainTime = new CancellationTokenSource(timeout, time);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(drainTime.Token, cancellationToken);
        var conversations = handover.Residents;
        var handedOver = handover.HandOverAsync(deadline.Token);
        var drained = true;
        try
        {
            await idle.WaitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            drained = false;
        }

        var elapsed = time.GetElapsedTime(start);
        if (drained)
        {
            LogDrained(elapsed.TotalMilliseconds);
        }
        else
        {
            LogDrainTimedOut(timeout.TotalSeconds, drain.InFlight);
        }

        // Stopping the server now, rather than when the host reaches it, bounds the drain: given a cancelled token it
        // aborts the connections still open at once, instead of waiting for them out of the silo's time to leave.
        // The host's own call to stop it later finds it stopped.
        using var cutOff = new CancellationTokenSource();
        if (!drained)
        {
            await cutOff.CancelAsync();
        }

        await server.StopAsync(drained ? cancellationToken : cutOff.Token);

        // The silo's own stop would deactivate the conversations still here, turns and all.
        if (await handedOver)
        {
            LogHandedOver(conversations, time.GetElapsedTime(start).TotalMilliseconds);
        }
        else
        {
            LogHandoverTimedOut(timeout.TotalSeconds, handover.Residents);
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(1, LogLevel.Information, "Stopping: draining {InFlight} request(s) in progress for up to {DrainSeconds} s; new requests get 503 shutting_down.")]
    private partial void LogDraining(int inFlight, double drainSeconds);

    [LoggerMessage(2, LogLevel.Information, "Drained in {ElapsedMs:F0} ms; the silo now leaves the cluster.")]
    private partial void LogDrained(double elapsedMs);

    [LoggerMessage(3, LogLevel.Warning, "The drain time of {DrainSeconds} s passed with {InFlight} request(s) still in progress; they are cut off and the silo leaves the cluster.")]
    private partial void LogDrainTimedOut(double drainSeconds, int inFlight);

    [LoggerMessage(4, LogLevel.Information, "Handed over {Conversations} conversation(s) in {ElapsedMs:F0} ms.")]
    private partial void LogHandedOver(int conversations, double elapsedMs);

    [LoggerMessage(5, LogLevel.Warning, "The drain time of {DrainSeconds} s passed with {Conversations} conversation(s) still on this silo; the silo's leave deactivates them, and a turn still running on one may fail.")]
    private partial void LogHandoverTimedOut(double drainSeconds, int conversations);
}
