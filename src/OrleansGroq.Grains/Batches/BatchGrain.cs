using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Batches;
using OrleansGroq.Grains.Storage;

namespace OrleansGroq.Grains.Batches;

/// <summary>
/// One batch of cluster mode, with one activation in the cluster. Its run, step by step:
/// <list type="number">
/// <item>validating: the input file is read and checked as Groq checks it; one bad line fails the batch;</item>
/// <item>in progress: the lines without a result in <see cref="IBatchResultStore"/> run through the chat pipeline
/// (<see cref="IBatchItemRunner"/>), <see cref="BatchesOptions.Parallelism"/> at a time; each result is recorded there
/// once per <c>custom_id</c> before it is counted, so a line whose silo died before its result was recorded runs again,
/// and no other does;</item>
/// <item>finalizing: the output and error files are written from the recorded results, under ids chosen at creation;</item>
/// <item>completed, or cancelled (a cancel stops lines not yet started), or expired (the window closed: the lines not
/// run end as <c>batch_expired</c>).</item>
/// </list>
/// Each status change is written before it is reported. A reminder fires every
/// <see cref="BatchesOptions.ReminderPeriod"/> until the batch ends: when the silo running it dies, the reminder (or any
/// call) activates it on a survivor, which reads what is done and goes on.
/// </summary>
// The grain type names stored state: fixed, so that renaming the class does not orphan it.
[GrainType("batch")]
internal sealed partial class BatchGrain(
    [PersistentState("batch", GrainStorage.Name)] IPersistentState<BatchState> state,
    IBatchFileStore files,
    IBatchResultStore results,
    IBatchItemRunner runner,
    IOptions<BatchesOptions> options,
    TimeProvider time,
    ILogger<BatchGrain> logger) : Grain, IBatchGrain, IRemindable
{
    private const string ReminderName = "run";

    // Each attempt waits for the reminder service itself (Orleans waits up to 20 s), so the attempts need no delay.
    private const int ReminderAttempts = 3;
    private const string OutputPurpose = "batch_output";
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LastRetryDelay = TimeSpan.FromSeconds(30);

    // One state write at a time: the run and a cancel both write, and interleave at their awaits.
    private readonly SemaphoreSlim _writes = new(1, 1);
    private CancellationTokenSource _deactivating = new();
    private Task? _run;
    private int _completed;
    private int _failed;

    // What the lines read off the activation's turns, where grain state may not be touched: set with each write.
    private volatile bool _running;
    private string? _id;

    private string Id => _id ??= this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Batch is { IsFinished: false })
        {
            // The counts come from the recorded results before any read is answered: the state's counts are those of
            // the last status change, and a re-activated batch's live counts must never go backwards.
            await CountRecordedAsync(cancellationToken);
            StartRun();
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await _deactivating.CancelAsync();
        if (_run is { } run)
        {
            // Lines cut short record nothing, and run again on the next activation.
            await run.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        }
    }

    async ValueTask<BatchView> IBatchGrain.CreateAsync(BatchSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (state.State.Batch is null)
        {
            state.State.Batch = new BatchView { Id = Id, Spec = spec, Status = BatchStatus.Validating };
            state.State.OutputFileId = BatchIds.New("file_", time);
            state.State.ErrorFileId = BatchIds.New("file_", time);
            await SaveAsync();
        }
        else if (state.State.Batch.IsFinished || _run is not null)
        {
            return View();
        }

        // A create sent again after the first failed past its save (its reminder not registered) finishes the job.
        await RegisterReminderAsync();
        StartRun();
        return View();
    }

    ValueTask<BatchView?> IBatchGrain.GetAsync() => ValueTask.FromResult(state.State.Batch is null ? null : View());

    async ValueTask<BatchView?> IBatchGrain.CancelAsync()
    {
        if (state.State.Batch is not { } batch)
        {
            return null;
        }

        if (!batch.IsFinished && batch.Status != BatchStatus.Cancelling)
        {
            // Lines not yet started see the status and never start; the run then finalizes as cancelled.
            await UpdateAsync(b => b with { Status = BatchStatus.Cancelling, CancellingAt = time.GetUtcNow() });
            StartRun();
        }

        return View();
    }

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        if (state.State.Batch is { IsFinished: false })
        {
            StartRun();
        }
        else
        {
            await StopReminderAsync();
        }
    }

    private async Task<IReadOnlyDictionary<string, BatchOutcome>> CountRecordedAsync(CancellationToken cancellationToken)
    {
        var done = await results.OutcomesAsync(Id, cancellationToken);
        _completed = done.Values.Count(o => o == BatchOutcome.Completed);
        _failed = done.Values.Count(o => o == BatchOutcome.Failed);
        return done;
    }

    private BatchView View() => state.State.Batch! with { Completed = Volatile.Read(ref _completed), Failed = Volatile.Read(ref _failed) };

    private void StartRun()
    {
        if (_run is { IsCompleted: false })
        {
            return;
        }

        if (_deactivating.IsCancellationRequested)
        {
            _deactivating = new CancellationTokenSource();
        }

        _run = RunAsync(_deactivating.Token);
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            var spec = state.State.Batch!.Spec;
            var (lines, errors) = BatchInputReader.Read(await files.ReadContentAsync(spec.InputFileId, stopping), spec.Endpoint);
            if (state.State.Batch.Status == BatchStatus.Validating)
            {
                if (errors.Count > 0)
                {
                    await UpdateAsync(b => b with { Status = BatchStatus.Failed, Errors = errors, FailedAt = time.GetUtcNow() });
                    await StopReminderAsync();
                    return;
                }

                await UpdateAsync(b => b.Status == BatchStatus.Validating
                    ? b with { Status = BatchStatus.InProgress, InProgressAt = time.GetUtcNow(), Total = lines.Count }
                    : b with { Total = lines.Count });
            }

            var done = await CountRecordedAsync(stopping);
            if (done.Count > 0)
            {
                Log.Resumed(logger, Id, done.Count, lines.Count);
            }

            _running = state.State.Batch.Status == BatchStatus.InProgress;
            if (_running)
            {
                await RunLinesAsync([.. lines.Where(line => !done.ContainsKey(line.CustomId))], stopping);
            }

            await FinalizeAsync(lines, stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Deactivating: the next activation goes on from what was recorded.
        }
        catch (Exception e)
        {
            Log.RunFailed(logger, Id, e);
        }
    }

    /// <summary>
    /// Runs the lines on the thread pool, outside the activation's turns, so that reads of the batch are answered while
    /// they run; a line touches only the result store and the counters.
    /// </summary>
    private Task RunLinesAsync(IReadOnlyList<BatchLine> pending, CancellationToken stopping)
    {
        var (id, tenant, expiresAt) = (Id, state.State.Batch!.Spec.Tenant, state.State.Batch.Spec.ExpiresAt);
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = options.Value.Parallelism,
            CancellationToken = stopping,
            TaskScheduler = TaskScheduler.Default,
        };
        return Parallel.ForEachAsync(pending, parallel, async (line, cancellationToken) =>
        {
            var delay = FirstRetryDelay;
            while (_running && time.GetUtcNow() < expiresAt)
            {
                BatchItemAnswer? answer;
                try
                {
                    answer = await runner.RunAsync(tenant, line.Body, cancellationToken);
                }
                catch (Exception) when (!cancellationToken.IsCancellationRequested)
                {
                    answer = null;
                }

                // Not run (no budget within the wait, a node draining) or lost on the way: no result, so it runs again.
                if (answer is null or { StatusCode: 429 or 503 })
                {
                    Log.LineRetried(logger, id, answer?.StatusCode ?? 0, delay);
                    await Task.Delay(delay, time, cancellationToken);
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LastRetryDelay.Ticks));
                    continue;
                }

                var succeeded = answer.StatusCode is >= 200 and < 300;
                var result = new BatchResult(line.CustomId, succeeded ? BatchOutcome.Completed : BatchOutcome.Failed, BatchResultLines.Answered(line.CustomId, answer, time));
                if (await results.RecordAsync(id, result, CancellationToken.None))
                {
                    Interlocked.Increment(ref succeeded ? ref _completed : ref _failed);
                }

                return;
            }
        });
    }

    private async Task FinalizeAsync(IReadOnlyList<BatchLine> lines, CancellationToken stopping)
    {
        var batch = state.State.Batch!;
        var expired = batch.Status != BatchStatus.Cancelling && time.GetUtcNow() >= batch.Spec.ExpiresAt;
        if (batch.Status == BatchStatus.InProgress)
        {
            await UpdateAsync(b => b.Status == BatchStatus.InProgress ? b with { Status = BatchStatus.Finalizing, FinalizingAt = time.GetUtcNow() } : b);
        }

        if (expired)
        {
            var done = await results.OutcomesAsync(Id, stopping);
            foreach (var line in lines.Where(l => !done.ContainsKey(l.CustomId)))
            {
                await results.RecordAsync(Id, new BatchResult(line.CustomId, BatchOutcome.Expired, BatchResultLines.Expired(line.CustomId, time)), stopping);
            }
        }

        var output = await SaveResultsAsync(state.State.OutputFileId!, "output", errors: false, stopping);
        var error = await SaveResultsAsync(state.State.ErrorFileId!, "error", errors: true, stopping);
        var now = time.GetUtcNow();
        await UpdateAsync(b => (b with { OutputFileId = output, ErrorFileId = error, Completed = _completed, Failed = _failed }) switch
        {
            { Status: BatchStatus.Cancelling } cancelled => cancelled with { Status = BatchStatus.Cancelled, CancelledAt = now },
            var ended when expired => ended with { Status = BatchStatus.Expired, ExpiredAt = now },
            var ended => ended with { Status = BatchStatus.Completed, CompletedAt = now },
        });
        await StopReminderAsync();
    }

    /// <summary>Stores one result file of the batch's tenant; null (no file) when it has no lines.</summary>
    private async Task<string?> SaveResultsAsync(string fileId, string kind, bool errors, CancellationToken stopping)
    {
        var content = await results.ReadLinesAsync(Id, errors, stopping);
        if (content.Length == 0)
        {
            return null;
        }

        var file = new BatchFile(fileId, state.State.Batch!.Spec.Tenant, $"{Id}_{kind}.jsonl", OutputPurpose, content.Length, time.GetUtcNow());
        await files.SaveAsync(file, content, stopping);
        return fileId;
    }

    private async Task UpdateAsync(Func<BatchView, BatchView> change)
    {
        await _writes.WaitAsync();
        try
        {
            state.State.Batch = change(state.State.Batch!) with { Completed = _completed, Failed = _failed };
            _running = state.State.Batch.Status == BatchStatus.InProgress;
            await state.WriteStateAsync();
        }
        finally
        {
            _writes.Release();
        }
    }

    private async Task SaveAsync()
    {
        await _writes.WaitAsync();
        try
        {
            await state.WriteStateAsync();
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <summary>
    /// Registers the batch's reminder. Orleans' reminder service starts after the silo has joined the cluster, and a
    /// registration made meanwhile fails once the service's wait for its first read runs out ("still initializing",
    /// an <see cref="OrleansException"/> over a <see cref="TimeoutException"/>): Orleans' contract is to try again.
    /// </summary>
    private async Task RegisterReminderAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await this.RegisterOrUpdateReminder(ReminderName, options.Value.ReminderPeriod, options.Value.ReminderPeriod);
                return;
            }
            catch (OrleansException e) when (e.InnerException is TimeoutException && attempt < ReminderAttempts)
            {
                Log.ReminderRetried(logger, Id, attempt);
            }
        }
    }

    private async Task StopReminderAsync()
    {
        if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }
}
