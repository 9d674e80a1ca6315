using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansGroq.Benchmarks.Hosting;
using OrleansGroq.Benchmarks.Load;
using OrleansGroq.Testing;
using OrleansGroq.Testing.Cooldowns;

namespace OrleansGroq.Benchmarks.Scenarios;

/// <summary>
/// Cooldown propagation: N gateway processes on one PostgreSQL, one chat request at a time through each in turn,
/// every answer cooling the key that served it (see <see cref="CooldownPropagation"/>). For each, the time until every
/// process's <c>GET /admin/keys</c> shows the cooldown: from the moment the process that sent the request got Groq's
/// answer (an <see cref="UpstreamTap"/> relays it), from the request itself (an upper bound that takes in the request's
/// whole way through the gateway), and from the first process showing it to the last.
/// </summary>
internal static class CooldownScenario
{
    // The first requests of each process pay for JIT and first activations, which is not propagation.
    private const int WarmUp = 6;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static async Task RunAsync(int silos, int samples)
    {
        await ReleaseBuild.EnsureAsync();
        var database = await PostgresServer.CreateDatabaseAsync();
        var gateways = new List<ServiceProcess>();
        var keys = WarmUp + samples;
        try
        {
            await using var emulator = await BenchmarkServices.StartEmulatorAsync(EmulatorConfig(keys));
            var clock = Stopwatch.StartNew();
            await using var tap = await UpstreamTap.StartAsync(emulator.BaseAddress, clock);
            var settings = CooldownPropagation.GatewaySettings(keys);
            settings["ConnectionStrings__Postgres"] = database;
            for (var i = 0; i < silos; i++)
            {
                gateways.Add(await BenchmarkServices.StartGatewayAsync(emulator, settings, tap.BaseAddress));
            }

            var clients = gateways.Select(g => new HttpClient { BaseAddress = g.BaseAddress }).ToList();
            foreach (var client in clients)
            {
                while (await ActiveSilosAsync(client) < silos)
                {
                    await Task.Delay(100);
                }
            }

            var missed = 0;
            var fromLearned = new LatencyRecorder(samples);
            var fromRequest = new LatencyRecorder(samples);
            var firstToLast = new LatencyRecorder(samples);
            for (var i = 0; i < keys; i++)
            {
                var sample = await CooldownPropagation.MeasureAsync(clients, i % silos, BenchmarkServices.Model, clock, tap, Timeout);
                if (!sample.SeenEverywhere || sample.Learned is null)
                {
                    missed++;
                    Console.WriteLine($"  sample {i} through process {i % silos} not seen everywhere within {Timeout.TotalSeconds:0} s: {sample}");
                }
                else if (i >= WarmUp)
                {
                    fromLearned.Record(sample.EverySilo);
                    fromRequest.Record(sample.LastSeen - sample.Sent);
                    firstToLast.Record(sample.FirstToLast);
                }
            }

            clients.ForEach(c => c.Dispose());
            var (learned, request, spread) = (fromLearned.Summarize(), fromRequest.Summarize(), firstToLast.Summarize());
            Console.WriteLine(
                $"cooldowns: silos={silos} samples={learned.Count} missed={missed} every_silo_after_learned p50={learned.P50:0.0}ms max={learned.Max:0.0}ms " +
                $"every_silo_after_request p50={request.P50:0.0}ms max={request.Max:0.0}ms first_to_last_silo p50={spread.P50:0.0}ms max={spread.Max:0.0}ms");
        }
        finally
        {
            foreach (var gateway in gateways)
            {
                await gateway.DisposeAsync();
            }

            await PostgresServer.DropDatabaseAsync(database);
        }
    }

    private static string EmulatorConfig(int keys) => JsonSerializer.Serialize(new
    {
        accounts = CooldownPropagation.Keys(keys).Select(key => new
        {
            id = key.Account,
            keys = new[] { new { alias = key.Alias, secret = key.Secret } },
            limits = new Dictionary<string, object> { [BenchmarkServices.Model] = new { rpm = 0, rpd = 1, tpm = 0, tpd = 0 } },
        }),
    });

    private static async Task<int> ActiveSilosAsync(HttpClient client)
    {
        var cluster = await client.GetFromJsonAsync<JsonElement>("admin/cluster");
        return cluster.GetProperty("silos").EnumerateArray().Count(s => s.GetProperty("status").GetString() == "Active");
    }
}
