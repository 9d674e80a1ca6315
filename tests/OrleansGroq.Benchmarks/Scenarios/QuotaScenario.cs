using System.Net.Http.Json;
using System.Text.Json;
using OrleansGroq.Benchmarks.Hosting;
using OrleansGroq.Testing;
using OrleansGroq.Testing.Load;

namespace OrleansGroq.Benchmarks.Scenarios;

/// <summary>
/// Cluster-wide quota: N gateway processes on one PostgreSQL, in front of an emulator enforcing small limits on
/// two accounts of two keys each, offered at least twice the combined RPM and TPM. Every answer must be a 200 or a
/// 429 with retry-after; the emulator counts the 429s the cluster caused upstream.
/// </summary>
internal static class QuotaScenario
{
    private const string Model = BenchmarkServices.Model;
    private const int Rpm = 300;
    private const int Tpm = 24_000;
    private const int Accounts = 2;

    // About 80 tokens a request (a 200-character prompt, a 32-token answer): offering `load` times the RPM in requests
    // offers about that times the TPM in tokens as well, so both limits are pressed.
    private static readonly string Body =
        $$"""{"model":"llama-3.1-8b-instant","max_tokens":48,"messages":[{"role":"user","content":"{{new string('q', 200)}}"}]}""";

    public static async Task RunAsync(int nodes, TimeSpan duration, double load)
    {
        await ReleaseBuild.EnsureAsync();
        var database = await PostgresServer.CreateDatabaseAsync();
        var gateways = new List<ServiceProcess>();
        try
        {
            await using var emulator = await BenchmarkServices.StartEmulatorAsync(EmulatorConfig());
            for (var i = 0; i < nodes; i++)
            {
                gateways.Add(await BenchmarkServices.StartGatewayAsync(emulator, GatewaySettings(database)));
            }

            var offeredPerSecond = load * Rpm * Accounts / 60;
            var clients = gateways.Select(g => new HttpClient { BaseAddress = g.BaseAddress, Timeout = TimeSpan.FromMinutes(2) }).ToList();
            var outcome = await SteadyLoad.OfferAsync(clients, "openai/v1/chat/completions", Body, offeredPerSecond, duration);
            clients.ForEach(c => c.Dispose());
            var stats = await new HttpClient { BaseAddress = emulator.BaseAddress }.GetFromJsonAsync<JsonElement>("_emulator/stats");
            var totals = stats.GetProperty("totals");
            var leaseStatements = 0L;
            foreach (var gateway in gateways)
            {
                using var http = new HttpClient { BaseAddress = gateway.BaseAddress };
                var quotas = await http.GetFromJsonAsync<JsonElement>("admin/quotas");
                leaseStatements += quotas.GetProperty("data").EnumerateArray().Sum(q => q.GetProperty("lease_statements").GetInt64());
                var keys = await http.GetFromJsonAsync<JsonElement>("admin/keys");
                foreach (var key in keys.GetProperty("data").EnumerateArray().Where(k => k.GetProperty("reason").ValueKind == JsonValueKind.String))
                {
                    Console.WriteLine($"  {gateway.BaseAddress} key {key.GetProperty("alias")} cooled down for {key.GetProperty("reason")}");
                }
            }

            // Buckets start full, then refill: the most a perfect cluster could have been served in the window, on the
            // limit that binds (requests or tokens; cached tokens are free).
            var window = 1 + duration.TotalMinutes;
            var tokens = totals.GetProperty("prompt_tokens").GetInt64() - totals.GetProperty("cached_tokens").GetInt64() + totals.GetProperty("completion_tokens").GetInt64();
            var utilization = Math.Max(totals.GetProperty("served").GetInt64() / (Accounts * Rpm * window), tokens / (Accounts * Tpm * window));
            Console.WriteLine(
                $"quota: nodes={nodes} load={load:0.#}x upstream_429={totals.GetProperty("rate_limited").GetInt64()} utilization={utilization:0.000} " +
                $"served={outcome.Served} rejected_with_retry_after={outcome.RejectedWithRetryAfter} lost={outcome.Lost} lease_statements={leaseStatements} requests={outcome.Sent}");
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

    private static string EmulatorConfig() => JsonSerializer.Serialize(new
    {
        accounts = Enumerable.Range(0, Accounts).Select(a => new
        {
            id = $"org_{a}",
            keys = new[] { new { alias = $"k{a}a", secret = $"gsk_quota_bench_{a}_a" }, new { alias = $"k{a}b", secret = $"gsk_quota_bench_{a}_b" } },
            limits = new Dictionary<string, object> { [Model] = new { rpm = Rpm, rpd = 1_000_000, tpm = Tpm, tpd = 10_000_000 } },
        }),
    });

    private static Dictionary<string, string> GatewaySettings(string database)
    {
        var settings = new Dictionary<string, string> { ["ConnectionStrings__Postgres"] = database };
        var index = 0;
        for (var a = 0; a < Accounts; a++)
        {
            foreach (var suffix in new[] { "a", "b" })
            {
                settings[$"Groq__Keys__{index}__Alias"] = $"k{a}{suffix}";
                settings[$"Groq__Keys__{index}__Account"] = $"org_{a}";
                settings[$"Groq__Keys__{index}__Secret"] = $"gsk_quota_bench_{a}_{suffix}";
                index++;
            }

            settings[$"Quota__Accounts__org_{a}__{Model}__Rpm"] = Rpm.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings[$"Quota__Accounts__org_{a}__{Model}__Tpm"] = Tpm.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return settings;
    }
}
