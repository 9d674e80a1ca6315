using System.Text;
using OrleansGroq.Benchmarks.Hosting;
using OrleansGroq.Benchmarks.Load;

namespace OrleansGroq.Benchmarks.Scenarios;

/// <summary>
/// What the response cache adds and saves: one deterministic request (temperature 0) at a fixed rate through a
/// gateway that answers it from the cache (every request after the first is a hit), and through one whose entries
/// expire at once (every request is a miss: lookup, forward, store).
/// </summary>
internal static class CacheScenario
{
    private const string Secret = "gsk_benchmark_key_not_a_real_secret";

    private static readonly byte[] Body = Encoding.UTF8.GetBytes(
        """{"model":"llama-3.1-8b-instant","temperature":0,"messages":[{"role":"user","content":"Say hello in five words."}],"max_tokens":32}""");

    public static async Task RunAsync(int rate, TimeSpan duration)
    {
        await ReleaseBuild.EnsureAsync();
        await using var emulator = await BenchmarkServices.StartEmulatorAsync(BenchmarkServices.SingleKeyConfig(Secret));
        var missing = new Dictionary<string, string>(BenchmarkServices.SingleKeySettings(Secret)) { ["Cache__TimeToLive"] = "00:00:00.0000001" };
        await using var hits = await BenchmarkServices.StartGatewayAsync(emulator, BenchmarkServices.SingleKeySettings(Secret));
        await using var misses = await BenchmarkServices.StartGatewayAsync(emulator, missing);

        Console.WriteLine($"cache: one temperature-0 request at {rate}/s for {duration.TotalSeconds:0}s per gateway");
        foreach (var (name, gateway) in new[] { ("miss", misses), ("hit ", hits) })
        {
            using var load = new LoadGenerator(new Uri(gateway.BaseAddress, "openai/v1/chat/completions"), Body, Secret);
            await load.WarmUpAsync(4000);
            var latency = await load.OpenLoopAsync(rate, duration);
            Console.WriteLine($"{name} end to end: {latency}");
            Console.WriteLine($"{name} gateway's own time (x-orleansgroq-overhead-ms): {load.Overhead.Summarize()}");
        }
    }
}
