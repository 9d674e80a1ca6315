using System.Text;
using OrleansGroq.Benchmarks.Hosting;
using OrleansGroq.Benchmarks.Load;

namespace OrleansGroq.Benchmarks.Scenarios;

/// <summary>
/// What the gateway adds to a stream's time to first byte: the same <c>stream:true</c> request sent straight to the
/// emulator and through the gateway, timed until the first SSE event has arrived, beside the same request not streamed,
/// timed to its last byte. Workers send one request at a time and alternate the targets, so both see the same noise.
/// Under <c>realistic</c> the emulator's timers are late by up to a few milliseconds at random, which moves a difference
/// of two p50s by several tenths of a millisecond from run to run; the median of the differences within each round
/// (same worker, back to back) moves less.
/// </summary>
internal static class FirstByteScenario
{
    private const string Secret = "gsk_benchmark_key_not_a_real_secret";
    private const int WarmUpRounds = 50;

    private static readonly byte[] Streamed = Encoding.UTF8.GetBytes(
        """{"model":"llama-3.1-8b-instant","messages":[{"role":"user","content":"Say hello in five words."}],"max_tokens":32,"stream":true}""");

    private static readonly byte[] Whole = Encoding.UTF8.GetBytes(
        """{"model":"llama-3.1-8b-instant","messages":[{"role":"user","content":"Say hello in five words."}],"max_tokens":32}""");

    public static async Task RunAsync(string profile, int requests, int workers)
    {
        await ReleaseBuild.EnsureAsync();
        await using var emulator = await BenchmarkServices.StartEmulatorAsync(BenchmarkServices.SingleKeyConfig(Secret, profile));
        await using var gateway = await BenchmarkServices.StartGatewayAsync(emulator, BenchmarkServices.SingleKeySettings(Secret));
        var direct = new Uri(emulator.BaseAddress, "openai/v1/chat/completions");
        var through = new Uri(gateway.BaseAddress, "openai/v1/chat/completions");

        Console.WriteLine($"ttfb: emulator profile {profile}, {requests} requests per target and kind, {workers} workers, one request at a time each");
        await RoundsAsync(direct, through, WarmUpRounds, workers, null);
        var recorded = new Recorders(requests);
        await RoundsAsync(direct, through, requests, workers, recorded);

        Report("first SSE event, streamed", recorded.DirectFirstEvent, recorded.GatewayFirstEvent);
        Report("whole answer, not streamed", recorded.DirectWhole, recorded.GatewayWhole);
        Console.WriteLine($"gateway's own time until it started the streamed response (x-orleansgroq-overhead-ms): {recorded.GatewayStreamOverhead.Summarize()}");
        Console.WriteLine($"gateway's own time for the whole answer (x-orleansgroq-overhead-ms):                 {recorded.GatewayWholeOverhead.Summarize()}");
    }

    /// <summary>Each round sends the four requests (two kinds, two targets), the order turned round every other round.</summary>
    private static async Task RoundsAsync(Uri direct, Uri through, int rounds, int workers, Recorders? recorded)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            using var toEmulator = new FirstEventProbe(direct, Secret);
            using var toGateway = new FirstEventProbe(through, Secret);
            int round;
            while ((round = Interlocked.Increment(ref next)) < rounds)
            {
                var order = round % 2 == 0 ? new[] { (toEmulator, true), (toGateway, false) } : new[] { (toGateway, false), (toEmulator, true) };
                foreach (var (probe, isDirect) in order)
                {
                    var stream = await probe.SendAsync(Streamed);
                    var whole = await probe.SendAsync(Whole);
                    recorded?.Record(round, isDirect, stream, whole);
                }
            }
        }));
    }

    private static void Report(string what, TimeSpan[] directRounds, TimeSpan[] gatewayRounds)
    {
        var direct = Summarize(directRounds);
        var gateway = Summarize(gatewayRounds);
        var paired = Summarize([.. gatewayRounds.Zip(directRounds, (g, d) => g - d)]);
        Console.WriteLine(what);
        Console.WriteLine($"  direct : {direct}");
        Console.WriteLine($"  gateway: {gateway}");
        Console.WriteLine($"  gateway - direct: p50 {gateway.P50 - direct.P50:+0.000;-0.000}ms p90 {gateway.P90 - direct.P90:+0.000;-0.000}ms p99 {gateway.P99 - direct.P99:+0.000;-0.000}ms; median of the differences within a round {paired.P50:+0.000;-0.000}ms");
    }

    private static LatencySummary Summarize(TimeSpan[] latencies)
    {
        var recorder = new LatencyRecorder(latencies.Length);
        foreach (var latency in latencies)
        {
            recorder.Record(latency);
        }

        return recorder.Summarize();
    }

    /// <summary>Latencies by round, so the two targets' requests of one round can be compared.</summary>
    private sealed class Recorders(int requests)
    {
        public TimeSpan[] DirectFirstEvent { get; } = new TimeSpan[requests];

        public TimeSpan[] GatewayFirstEvent { get; } = new TimeSpan[requests];

        public TimeSpan[] DirectWhole { get; } = new TimeSpan[requests];

        public TimeSpan[] GatewayWhole { get; } = new TimeSpan[requests];

        public LatencyRecorder GatewayStreamOverhead { get; } = new(requests);

        public LatencyRecorder GatewayWholeOverhead { get; } = new(requests);

        public void Record(int round, bool direct, ProbeTiming stream, ProbeTiming whole)
        {
            (direct ? DirectFirstEvent : GatewayFirstEvent)[round] = stream.FirstEvent ?? throw new InvalidOperationException("A streamed answer had no data: event.");
            (direct ? DirectWhole : GatewayWhole)[round] = whole.Whole;
            if (!direct)
            {
                GatewayStreamOverhead.Record(TimeSpan.FromMilliseconds(stream.GatewayOverheadMs ?? 0));
                GatewayWholeOverhead.Record(TimeSpan.FromMilliseconds(whole.GatewayOverheadMs ?? 0));
            }
        }
    }
}
