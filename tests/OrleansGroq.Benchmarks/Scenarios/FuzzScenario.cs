using System.Net.Http.Json;
using System.Text.Json;
using OrleansGroq.Benchmarks.Hosting;
using OrleansGroq.Testing;
using OrleansGroq.Testing.Fuzz;

namespace OrleansGroq.Benchmarks.Scenarios;

/// <summary>
/// The seeded fuzz run of the integration tests at full size, against a Release gateway process (on PostgreSQL with
/// <c>--postgres</c>) in front of an emulator process that limits nothing: malformed requests over every route with
/// a tenth of valid ones mixed in, the emulator's counters read between batches. Prints what failed, by class and
/// case, then one summary line; exits 1 when anything counted against the gateway.
/// </summary>
internal static class FuzzScenario
{
    private const string Secret = "gsk_benchmark_fuzz_not_a_secret";

    public static async Task<int> RunAsync(int requests, int seed, bool postgres, int concurrency, int batch)
    {
        await ReleaseBuild.EnsureAsync();
        var database = postgres ? await PostgresServer.CreateDatabaseAsync() : null;
        try
        {
            await using var emulator = await BenchmarkServices.StartEmulatorAsync(EmulatorConfig());
            var settings = BenchmarkServices.SingleKeySettings(Secret);
            if (database is not null)
            {
                settings["ConnectionStrings__Postgres"] = database;
            }

            await using var gateway = await BenchmarkServices.StartGatewayAsync(emulator, settings);
            using var target = new FuzzTarget(gateway.BaseAddress, TimeSpan.FromSeconds(60));
            using var stats = new HttpClient { BaseAddress = emulator.BaseAddress };
            var options = new FuzzOptions(seed, requests, concurrency, batch) { QuietPeriod = TimeSpan.FromMilliseconds(25) };

            var report = await FuzzRunner.RunAsync(target, options, cancellationToken => UpstreamRequestsAsync(stats, cancellationToken));

            Console.WriteLine($"fuzz: gateway on {(postgres ? "PostgreSQL" : "memory")}, concurrency {concurrency}, batches of {batch}");
            Console.Write(report.Describe(namesPerClass: 500));
            Console.WriteLine(report.Summary());
            return report.Passed ? 0 : 1;
        }
        finally
        {
            if (database is not null)
            {
                await PostgresServer.DropDatabaseAsync(database);
            }
        }
    }

    /// <summary>Every request the emulator received: authenticated ones by key and model, and refused ones.</summary>
    private static async Task<long> UpstreamRequestsAsync(HttpClient stats, CancellationToken cancellationToken)
    {
        var snapshot = await stats.GetFromJsonAsync<JsonElement>("_emulator/stats", cancellationToken);
        return snapshot.GetProperty("totals").GetProperty("requests").GetInt64() + snapshot.GetProperty("unauthorized").GetInt64();
    }

    private static string EmulatorConfig() => JsonSerializer.Serialize(new
    {
        accounts = new[]
        {
            new
            {
                id = "org_bench",
                keys = new[] { new { alias = "bench-1", secret = Secret } },
                limits = FuzzUpstream.Models.ToDictionary(m => m, _ => new { rpm = 0, rpd = 0, tpm = 0, tpd = 0 }),
            },
        },
    });
}
