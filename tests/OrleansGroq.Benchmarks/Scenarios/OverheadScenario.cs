using System.Text;
using OrleansGroq.Benchmarks.Hosting;
using OrleansGroq.Benchmarks.Load;

namespace OrleansGroq.Benchmarks.Scenarios;

/// <summary>
/// The gateway's own cost: the same chat request sent straight to the emulator and through the gateway,
/// each in its own process, at a fixed offered rate (p50/p99) and flat out (maximum throughput).
/// </summary>
internal static class OverheadScenario
{
    private const string Secret = "gsk_benchmark_key_not_a_real_secret";

    private static readonly byte[] Body = Encoding.UTF8.GetBytes(
        """{"model":"llama-3.1-8b-instant","messages":[{"role":"user","content":"Say hello in five words."}],"max_tokens":32}""");

    public static async Task RunAsync(int rate, TimeSpan duration, int workers)
    {
        await ReleaseBuild.EnsureAsync();
        await using var emulator = await BenchmarkServices.StartEmulatorAsync(BenchmarkServices.SingleKeyConfig(Secret));
        await using var gateway = await BenchmarkServices.StartGatewayAsync(emulator, BenchmarkServices.SingleKeySettings(Secret));

        Console.WriteLine($"overhead: offered rate {rate}/s for {duration.TotalSeconds:0}s, then {workers} closed-loop workers for {duration.TotalSeconds:0}s");
        foreach (var (name, target) in new[] { ("direct ", emulator.BaseAddress), ("gateway", gateway.BaseAddress) })
        {
            using var load = new LoadGenerator(new Uri(target, "openai/v1/chat/completions"), Body, Secret);
            await load.WarmUpAsync(4000);
            var fixedRate = await load.OpenLoopAsync(rate, duration);
            var (maxRps, flatOut) = await load.ClosedLoopAsync(workers, duration);
            Console.WriteLine($"{name} fixed-rate: {fixedRate}");
            if (load.Overhead.Count > 0)
            {
                Console.WriteLine($"{name} own overhead (x-orleansgroq-overhead-ms) at the fixed rate: {load.Overhead.Summarize()}");
            }

            Console.WriteLine($"{name} max: {maxRps:0} req/s ({flatOut})");
        }
    }
}
