using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OrleansGroq.Abstractions.Usage;
using OrleansGroq.Grains.Usage;
using OrleansGroq.Testing;
using static OrleansGroq.Tests.Usage.UsageRows;

namespace OrleansGroq.Tests.Usage;

public sealed class UsageLedgerWriterTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly CapturingLoggerProvider _logs = new();
    private readonly ILoggerFactory _loggerFactory;
    private readonly FakeTimeProvider _time = new(Start);

    public UsageLedgerWriterTests() => _loggerFactory = LoggerFactory.Create(b => b.AddProvider(_logs));

    public void Dispose()
    {
        _loggerFactory.Dispose();
        _services.Dispose();
    }

    [Fact]
    public async Task Every_row_queued_before_shutdown_is_written_in_batches()
    {
        var ledger = new RecordingLedger().Open();
        using var writer = Writer(ledger, new UsageLedgerOptions { BatchSize = 1000, FlushInterval = TimeSpan.Zero });
        await writer.StartAsync(CancellationToken.None);

        for (var n = 0; n < 2500; n++)
        {
            writer.Enqueue(Row(n));
        }

        await writer.StopAsync(CancellationToken.None);

        Assert.Equal(Enumerable.Range(0, 2500).Select(n => $"req_{n}"), ledger.Rows.Select(r => r.RequestId));
        Assert.All(ledger.Batches, b => Assert.InRange(b.Count, 1, 1000));
        Assert.Equal(0, writer.Dropped);
    }

    [Fact]
    public async Task Rows_gather_for_the_flush_interval_and_are_written_in_one_batch()
    {
        var ledger = new RecordingLedger().Open();
        using var writer = Writer(ledger, new UsageLedgerOptions { FlushInterval = TimeSpan.FromMilliseconds(200) });
        await writer.StartAsync(CancellationToken.None);

        for (var n = 0; n < 3; n++)
        {
            writer.Enqueue(Row(n));
        }

        var elapsed = await PumpClockUntilAsync(() => !ledger.Batches.IsEmpty);

        Assert.InRange(elapsed, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1));
        Assert.Equal(["req_0", "req_1", "req_2"], Assert.Single(ledger.Batches).Select(r => r.RequestId));
        await writer.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Stopping_writes_the_gathering_batch_without_waiting_for_the_interval()
    {
        var ledger = new RecordingLedger().Open();
        using var writer = Writer(ledger, new UsageLedgerOptions { FlushInterval = TimeSpan.FromMinutes(1) });
        await writer.StartAsync(CancellationToken.None);
        writer.Enqueue(Row(0));

        await writer.StopAsync(CancellationToken.None).WaitAsync(Patience);

        Assert.Equal("req_0", Assert.Single(ledger.Rows).RequestId);
        Assert.Equal(0, writer.Dropped);
    }

    [Fact]
    public async Task A_full_queue_drops_the_newest_rows_counts_them_and_warns_once()
    {
        var ledger = new RecordingLedger();
        using var writer = Writer(ledger, new UsageLedgerOptions { QueueCapacity = 10, FlushInterval = TimeSpan.Zero });
        await writer.StartAsync(CancellationToken.None);
        writer.Enqueue(Row(0));
        await ledger.FirstCall.WaitAsync(Patience);

        for (var n = 1; n <= 15; n++)
        {
            writer.Enqueue(Row(n));
        }

        Assert.Equal(5, writer.Dropped);
        Assert.Equal(5, ObservedDropped());
        Assert.Single(_logs.Entries, e => e.Contains("UsageQueueFull", StringComparison.Ordinal));

        ledger.Open();
        await writer.StopAsync(CancellationToken.None);

        Assert.Equal(Enumerable.Range(0, 11).Select(n => $"req_{n}"), ledger.Rows.Select(r => r.RequestId));
        Assert.Single(_logs.Entries, e => e.Contains("UsageQueueRecovered", StringComparison.Ordinal) && e.Contains("5 usage rows", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failed_write_is_tried_again_after_one_then_two_seconds()
    {
        var ledger = new RecordingLedger { FailFirst = 2 }.Open();
        using var writer = Writer(ledger);
        await writer.StartAsync(CancellationToken.None);
        writer.Enqueue(Row(1));

        var elapsed = await PumpClockUntilAsync(() => !ledger.Batches.IsEmpty);

        Assert.Equal(3, ledger.Calls);
        Assert.InRange(elapsed, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(10));
        Assert.Equal(2, _logs.Entries.Count(e => e.Contains("UsageWriteFailed", StringComparison.Ordinal)));
        Assert.Equal(0, writer.Dropped);
        await writer.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_batch_that_keeps_failing_is_dropped_and_counted_and_the_next_one_written()
    {
        var ledger = new RecordingLedger { FailFirst = UsageLedgerWriter.MaxWriteAttempts }.Open();
        using var writer = Writer(ledger);
        await writer.StartAsync(CancellationToken.None);
        writer.Enqueue(Row(1));

        await PumpClockUntilAsync(() => writer.Dropped == 1);
        writer.Enqueue(Row(2));
        await PumpClockUntilAsync(() => !ledger.Batches.IsEmpty);

        Assert.Equal("req_2", Assert.Single(ledger.Rows).RequestId);
        Assert.Single(_logs.Entries, e => e.Contains("UsageBatchDropped", StringComparison.Ordinal));
        await writer.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_store_stuck_past_the_shutdown_timeout_loses_what_is_left_and_says_so()
    {
        var ledger = new RecordingLedger();
        using var writer = Writer(ledger);
        await writer.StartAsync(CancellationToken.None);
        writer.Enqueue(Row(0));
        await ledger.FirstCall.WaitAsync(Patience);
        writer.Enqueue(Row(1));
        writer.Enqueue(Row(2));

        using var timedOut = new CancellationTokenSource();
        await timedOut.CancelAsync();
        await writer.StopAsync(timedOut.Token).WaitAsync(Patience);

        Assert.Equal(3, writer.Dropped);
        Assert.Empty(ledger.Batches);
        Assert.Single(_logs.Entries, e => e.Contains("UsageAbandoned", StringComparison.Ordinal) && e.Contains("3 usage rows", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_row_after_shutdown_is_dropped_not_thrown()
    {
        using var writer = Writer(new RecordingLedger().Open());
        await writer.StartAsync(CancellationToken.None);
        await writer.StopAsync(CancellationToken.None);

        writer.Enqueue(Row(1));

        Assert.Equal(1, writer.Dropped);
    }

    // Rows written as they come unless a test asks for a flush interval, so that the other tests need not move the clock for it.
    private UsageLedgerWriter Writer(IUsageLedger ledger, UsageLedgerOptions? options = null) =>
        new(ledger, Options.Create(options ?? new UsageLedgerOptions { FlushInterval = TimeSpan.Zero }), _time, _services.GetRequiredService<IMeterFactory>(), _loggerFactory.CreateLogger<UsageLedgerWriter>());

    // The writer waits on the fake clock between attempts: move it in small steps until the outcome shows, and say how far it went.
    private async Task<TimeSpan> PumpClockUntilAsync(Func<bool> done)
    {
        var start = _time.GetUtcNow();
        using var patience = new CancellationTokenSource(Patience);
        while (!done())
        {
            patience.Token.ThrowIfCancellationRequested();
            _time.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Delay(1, CancellationToken.None);
        }

        return _time.GetUtcNow() - start;
    }

    private long ObservedDropped()
    {
        long observed = -1;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "orleansgroq.usage.ledger.dropped")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => observed = value);
        listener.Start();
        listener.RecordObservableInstruments();
        return observed;
    }
}
