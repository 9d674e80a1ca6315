using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Usage;

namespace OrleansGroq.Grains.Usage;

/// <summary>
/// Takes usage rows from the request path into a bounded queue and writes them to the <see cref="IUsageLedger"/> in
/// batches on its own loop: a batch is what queued in the <see cref="UsageLedgerOptions.FlushInterval"/> after its first
/// row, or while the previous write ran, up to <see cref="UsageLedgerOptions.BatchSize"/>. Written as they came, rows
/// cost PostgreSQL about a statement per request, beside the conversation turn's one. A failed write is tried again with backoff (1 s doubling to 30 s, up to
/// <see cref="MaxWriteAttempts"/> times, then the batch is dropped), while the queue holds what arrives meanwhile.
/// </summary>
/// <remarks>
/// <para>A full queue drops the newest rows, counts them (<c>orleansgroq.usage.ledger.dropped</c>) and warns once per
/// episode. Newest rather than oldest: the rows queued are the ones the writer is already taking batches from, so
/// dropping at the tail never races the batch being written, and the gap is one stretch starting at the warning's
/// time; the live statistics, fed separately, still see every attempt.</para>
/// <para>On shutdown the queue is closed and drained into the ledger until the host's shutdown timeout, after which
/// what is left is counted as dropped and logged.</para>
/// </remarks>
public sealed partial class UsageLedgerWriter : IHostedService, IDisposable
{
    /// <summary>Writes of one batch before it is dropped: about 90 s of trying with the backoff.</summary>
    public const int MaxWriteAttempts = 7;

    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestRetryDelay = TimeSpan.FromSeconds(30);

    private readonly Channel<UsageEntry> _queue;
    private readonly IUsageLedger _ledger;
    private readonly TimeProvider _time;
    private readonly ILogger<UsageLedgerWriter> _logger;
    private readonly int _batchSize;
    private readonly TimeSpan _flushInterval;
    private readonly int _capacity;
    private readonly Meter _meter;
    private readonly CancellationTokenSource _abandon = new();
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;
    private long _dropped;
    private int _dropping;

    public UsageLedgerWriter(
        IUsageLedger ledger, IOptions<UsageLedgerOptions> options, TimeProvider time, IMeterFactory meters, ILogger<UsageLedgerWriter> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(meters);
        _ledger = ledger;
        _time = time;
        _logger = logger;
        _batchSize = options.Value.BatchSize;
        _flushInterval = options.Value.FlushInterval;
        _capacity = options.Value.QueueCapacity;
        _queue = Channel.CreateBounded<UsageEntry>(
            new BoundedChannelOptions(options.Value.QueueCapacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true },
            _ => OnDropped(1));
        _meter = meters.Create("OrleansGroq.Usage");
        _meter.CreateObservableCounter(
            "orleansgroq.usage.ledger.dropped", () => Volatile.Read(ref _dropped), "{row}", "Usage rows dropped: queue full, write given up, or shutdown.");
    }

    /// <summary>Rows dropped since start.</summary>
    public long Dropped => Volatile.Read(ref _dropped);

    /// <summary>Queues a row; never blocks, never throws. A full or closed queue drops it.</summary>
    public void Enqueue(UsageEntry entry)
    {
        if (!_queue.Writer.TryWrite(entry))
        {
            OnDropped(1);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loop = Task.Run(() => RunAsync(_abandon.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await _stopping.CancelAsync().ConfigureAwait(false);
        using (cancellationToken.Register(_abandon.Cancel))
        {
            await _loop.ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        _abandon.Dispose();
        _stopping.Dispose();
        _meter.Dispose();
    }

    private async Task RunAsync(CancellationToken abandon)
    {
        var reader = _queue.Reader;
        var batch = new List<UsageEntry>(_batchSize);
        while (await reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            await GatherAsync(reader).ConfigureAwait(false);
            while (batch.Count < _batchSize && reader.TryRead(out var entry))
            {
                batch.Add(entry);
            }

            if (!await WriteAsync(batch, abandon).ConfigureAwait(false) && abandon.IsCancellationRequested)
            {
                var left = batch.Count;
                while (reader.TryRead(out _))
                {
                    left++;
                }

                Interlocked.Add(ref _dropped, left);
                Log.Abandoned(_logger, left);
                return;
            }

            batch.Clear();
        }
    }

    // Lets a batch fill for the flush interval, unless it is full already or the host is stopping.
    private async Task GatherAsync(ChannelReader<UsageEntry> reader)
    {
        if (_flushInterval <= TimeSpan.Zero || reader.Count >= _batchSize || _stopping.IsCancellationRequested)
        {
            return;
        }

        try
        {
            await Task.Delay(_flushInterval, _time, _stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping: what has queued is written at once.
        }
    }

    private async Task<bool> WriteAsync(List<UsageEntry> batch, CancellationToken abandon)
    {
        var delay = FirstRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _ledger.AppendAsync(batch, abandon).ConfigureAwait(false);

                // An episode ends once the queue has room again, so a store that keeps it just full warns once, not per batch.
                if (Volatile.Read(ref _dropping) == 1 && _queue.Reader.Count <= _capacity / 2 && Interlocked.Exchange(ref _dropping, 0) == 1)
                {
                    Log.Recovered(_logger, Dropped);
                }

                return true;
            }
            catch (OperationCanceledException) when (abandon.IsCancellationRequested)
            {
                return false;
            }
            catch (Exception e) when (attempt < MaxWriteAttempts)
            {
                Log.WriteFailed(_logger, batch.Count, attempt, delay, e);
            }
            catch (Exception e)
            {
                Interlocked.Add(ref _dropped, batch.Count);
                Log.BatchDropped(_logger, batch.Count, attempt, e);
                batch.Clear();
                return false;
            }

            try
            {
                await Task.Delay(delay, _time, abandon).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return false;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestRetryDelay.Ticks));
        }
    }

    private void OnDropped(long rows)
    {
        Interlocked.Add(ref _dropped, rows);
        if (Interlocked.Exchange(ref _dropping, 1) == 0)
        {
            Log.QueueFull(_logger, _queue.Reader.Count);
        }
    }
}
