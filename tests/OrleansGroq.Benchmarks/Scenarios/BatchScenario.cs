using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using OrleansGroq.Benchmarks.Batches;
using OrleansGroq.Benchmarks.Hosting;
using OrleansGroq.Benchmarks.Load;
using OrleansGroq.Client;
using OrleansGroq.Testing;

namespace OrleansGroq.Benchmarks.Scenarios;

/// <summary>
/// A batch beside interactive traffic: N silos on one PostgreSQL in front of the emulator (Groq's pace, small account
/// limits), steady interactive chat requests spread over the silos, and a batch of M lines uploaded through the Files
/// API and created through the Batch API of the gateway, in the silos' <c>Batches:Mode</c> (<c>groq</c>: relayed to
/// the emulator, which runs it; <c>cluster</c>: the cluster runs the lines itself). Optionally the silo hosting the
/// batch is killed with <c>kill -9</c> when a share of the lines is done, and the interactive traffic first runs alone
/// for a baseline. Reports the batch's duration and rate, whether every <c>custom_id</c> came back exactly once, the
/// upstream requests the lines cost, and the interactive traffic's failures, upstream 429s and latency with and without
/// the batch. Exit code 1 when the batch did not complete with every <c>custom_id</c> exactly once.
/// </summary>
internal static class BatchScenario
{
    private const string HostGrain = "BatchGrain";
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(BatchBenchOptions options)
    {
        options.Validate();
        using var abort = new CancellationTokenSource();
        Action<PosixSignalContext> stop = signal =>
        {
            // The run stops and its finally blocks kill every child process; the default exit on Ctrl+C or on
            // SIGTERM (as from `timeout`) would leave the silos and the emulator running.
            signal.Cancel = true;
            abort.Cancel();
        };
        using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, stop);
        using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, stop);
        await ReleaseBuild.EnsureAsync();
        var database = await PostgresServer.CreateDatabaseAsync();
        try
        {
            await using var cluster = await BatchCluster.StartAsync(options, database);
            return await MeasureAsync(cluster, options, abort.Token);
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            Console.WriteLine("batch: stopped by a signal, every process it started is gone");
            return 130;
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(database);
        }
    }

    private static async Task<int> MeasureAsync(BatchCluster cluster, BatchBenchOptions options, CancellationToken abort)
    {
        Console.WriteLine(
            $"batch: mode={options.Mode} silos={options.Silos} lines={options.Lines} batch_model={options.BatchModel} interactive_model={BatchBenchOptions.InteractiveModel} " +
            $"rate={options.Rate:0.##}/s arrivals={(options.Poisson ? "poisson" : "fixed")} seed={options.Seed} limits_per_account=rpm {options.Rpm} tpm {options.Tpm} x 2 accounts " +
            $"kill_at={(options.KillAt is { } k ? k.ToString("0.##", CultureInfo.InvariantCulture) : "none")} emulator=realistic");
        var clients = cluster.Silos.Select(s => new HttpClient { BaseAddress = s.BaseAddress, Timeout = CallTimeout }).ToList();
        using var emulator = new HttpClient { BaseAddress = cluster.Emulator.BaseAddress, Timeout = CallTimeout };
        using var batches = new OrleansGroqBatchClient(new OrleansGroqClientOptions { Endpoints = [.. cluster.Silos.Select(s => s.BaseAddress)], Timeout = CallTimeout });
        try
        {
            var traffic = new InteractiveTraffic(clients, BatchBenchOptions.InteractiveModel, options.Rate, options.Poisson, options.Seed);
            await traffic.RunAsync(WarmUp, abort);
            (InteractiveResult Traffic, ModelCounters Upstream)? baseline = options.Baseline ? await BaselineAsync(traffic, emulator, options, abort) : null;

            var before = await CountersAsync(emulator, options);
            using var stopTraffic = CancellationTokenSource.CreateLinkedTokenSource(abort);
            var interactive = traffic.RunAsync(options.Timeout + TimeSpan.FromMinutes(1), stopTraffic.Token);
            BatchRun run;
            try
            {
                run = await RunBatchAsync(batches, cluster, traffic, options, abort);
            }
            finally
            {
                await stopTraffic.CancelAsync();
            }

            var during = await interactive;
            var after = await CountersAsync(emulator, options);
            var check = run.Finished ? await BatchOutputCheck.ReadAsync(batches, run.Batch, options.Lines, abort) : null;
            Report(options, run, check, during, baseline, after.Interactive.Since(before.Interactive), after.Batch.Since(before.Batch));
            return run.Batch.Status == "completed" && check is { ExactlyOnce: true } ? 0 : 1;
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    private static async Task<(InteractiveResult Traffic, ModelCounters Upstream)> BaselineAsync(
        InteractiveTraffic traffic, HttpClient emulator, BatchBenchOptions options, CancellationToken abort)
    {
        var before = await ModelCounters.ReadAsync(emulator, BatchBenchOptions.InteractiveModel);
        var result = await traffic.RunAsync(options.BaselineSeconds, abort);
        var upstream = (await ModelCounters.ReadAsync(emulator, BatchBenchOptions.InteractiveModel)).Since(before);
        Console.WriteLine($"baseline, interactive alone for {options.BaselineSeconds.TotalSeconds:0} s: {result} upstream_429={upstream.RateLimited}");
        return (result, upstream);
    }

    private static async Task<(ModelCounters Interactive, ModelCounters Batch)> CountersAsync(HttpClient emulator, BatchBenchOptions options) =>
        (await ModelCounters.ReadAsync(emulator, BatchBenchOptions.InteractiveModel), await ModelCounters.ReadAsync(emulator, options.BatchModel));

    /// <summary>Uploads and creates the batch, then reads it until it finishes, killing its host when the chosen share of lines is done.</summary>
    private static async Task<BatchRun> RunBatchAsync(IBatchClient batches, BatchCluster cluster, InteractiveTraffic traffic, BatchBenchOptions options, CancellationToken abort)
    {
        var uploading = Stopwatch.StartNew();
        var fileId = await batches.UploadAsync(new MemoryStream(BatchInput.Create(options.Lines, options.BatchModel)), "batch-bench.jsonl", abort);
        Console.WriteLine($"uploaded {options.Lines} lines as {fileId} in {uploading.Elapsed.TotalSeconds:0.00} s");
        var batch = await batches.CreateAsync(fileId, "24h", abort);
        var started = Stopwatch.StartNew();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(abort);
        timeout.CancelAfter(options.Timeout);
        int? killed = null;
        var failures = 0;
        var reported = TimeSpan.Zero;
        var longestRead = TimeSpan.Zero;
        try
        {
            while (!batch.IsFinished)
            {
                await Task.Delay(Poll, timeout.Token);
                var reading = Stopwatch.StartNew();
                try
                {
                    batch = await batches.GetAsync(batch.Id, timeout.Token);
                    longestRead = reading.Elapsed > longestRead ? reading.Elapsed : longestRead;
                }
                catch (Exception e) when (e is OrleansGroqException or HttpRequestException or TaskCanceledException && !timeout.IsCancellationRequested)
                {
                    if (failures++ == 0)
                    {
                        Console.WriteLine($"  reading the batch failed ({e.GetType().Name}: {e.Message}); reading on");
                    }

                    continue;
                }

                if (started.Elapsed - reported >= ProgressEvery || batch.IsFinished)
                {
                    reported = started.Elapsed;
                    Console.WriteLine($"  {reported.TotalSeconds,6:0.0} s: {batch.Status} {batch.Completed + batch.Failed}/{batch.Total} lines done");
                }

                if (killed is null && options.KillAt is { } share && batch.Total > 0 && batch.Completed + batch.Failed >= share * batch.Total && !batch.IsFinished)
                {
                    killed = await KillHostAsync(cluster, traffic, options, batch, started.Elapsed);
                }
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !abort.IsCancellationRequested)
        {
            Console.WriteLine($"  the batch did not finish within {options.Timeout.TotalSeconds:0} s: giving up");
            return new BatchRun(batch, started.Elapsed, Finished: false, killed, failures, longestRead);
        }

        if (options.KillAt is not null && killed is null)
        {
            Console.WriteLine("  no silo was killed: the batch finished before the chosen share of lines was seen done");
        }

        return new BatchRun(batch, started.Elapsed, Finished: true, killed, failures, longestRead);
    }

    private static async Task<int> KillHostAsync(BatchCluster cluster, InteractiveTraffic traffic, BatchBenchOptions options, GatewayBatch batch, TimeSpan at)
    {
        int? host = null;
        try
        {
            host = await cluster.FindHostAsync(HostGrain);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            Console.WriteLine($"  GET /admin/runtime failed ({e.Message})");
        }

        var silo = host ?? options.KillIndex;
        traffic.MarkKilled(silo);
        await cluster.KillAsync(silo);
        Console.WriteLine(
            $"  killed silo {silo} with SIGKILL at {at.TotalSeconds:0.0} s, {batch.Completed + batch.Failed}/{batch.Total} lines done: " +
            (host is null ? $"no silo showed a {HostGrain} activation, so --kill-index {options.KillIndex}" : $"it hosted the {HostGrain}"));
        return silo;
    }

    private static void Report(
        BatchBenchOptions options, BatchRun run, BatchOutputCheck? check, InteractiveResult during,
        (InteractiveResult Traffic, ModelCounters Upstream)? baseline, ModelCounters interactiveUpstream, ModelCounters batchUpstream)
    {
        var batch = run.Batch;
        Console.WriteLine(
            $"batch {batch.Id}: status={batch.Status} duration={run.Duration.TotalSeconds:0.0}s lines_per_s={(batch.Completed + batch.Failed) / run.Duration.TotalSeconds:0.0} " +
            $"request_counts total={batch.Total} completed={batch.Completed} failed={batch.Failed} poll_failures={run.PollFailures} longest_read={run.LongestRead.TotalSeconds:0.0}s" +
            (run.Killed is { } k ? $" killed_silo={k}" : string.Empty));
        Console.WriteLine(check is null ? "output: not read, the batch did not finish" : $"output: {check}");
        ReportBatchUpstream(options, during, interactiveUpstream, batchUpstream);
        Console.WriteLine($"interactive during the batch: {during} upstream_429={interactiveUpstream.RateLimited}" + (options.SharedModel ? " (the model's, batch lines included)" : string.Empty));
        if (baseline is { } alone)
        {
            var ratio = alone.Traffic.Latency.P99 > 0 ? during.Latency.P99 / alone.Traffic.Latency.P99 : double.NaN;
            Console.WriteLine(
                $"interactive p50 {alone.Traffic.Latency.P50:0.0} -> {during.Latency.P50:0.0} ms, p99 {alone.Traffic.Latency.P99:0.0} -> {during.Latency.P99:0.0} ms: " +
                $"p99_ratio={ratio:0.000} (target <= 1.20: {(ratio <= 1.20 ? "met" : "NOT met")})" +
                (during.AfterKill is null ? string.Empty : $"; requests due before the kill only: p99_ratio={during.BeforeKill.P99 / alone.Traffic.Latency.P99:0.000}"));
        }
    }

    /// <summary>
    /// The upstream chat requests the batch lines cost, from the emulator's counters. On a model of their own they are
    /// that model's counters exactly; on the interactive model the interactive requests' attempts are taken off, and
    /// any interactive request that got no answer may or may not have reached the emulator.
    /// </summary>
    private static void ReportBatchUpstream(BatchBenchOptions options, InteractiveResult during, ModelCounters interactiveUpstream, ModelCounters batchUpstream)
    {
        var (requests, served, uncertain) = options.SharedModel
            ? (interactiveUpstream.Requests - during.UpstreamAttempts, interactiveUpstream.Served - during.Served, during.Failed + during.FailedOnKilled)
            : (batchUpstream.Requests, batchUpstream.Served, 0L);
        var expectation = options.Mode == "groq"
            ? "expected 0: in groq mode the emulator runs the lines itself, outside its chat counters, as Groq keeps batches outside its rate limits"
            : $"failed_attempts={requests - served} served_beyond_{options.Lines}={served - options.Lines}; expected requests = {options.Lines} + retries of failed " +
              "attempts, and none served beyond the lines but those in flight on a killed silo, whose results were lost with it";
        Console.WriteLine(
            $"emulator chat requests for batch lines: requests={requests} served={served}" +
            (uncertain > 0 ? $" (+/- {uncertain}: interactive requests without an answer)" : string.Empty) + $"; {expectation}");
    }
}
