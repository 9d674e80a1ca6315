using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansGroq.Benchmarks.Hosting;
using OrleansGroq.Benchmarks.Load;
using OrleansGroq.Testing;
using OrleansGroq.Testing.Load;

namespace OrleansGroq.Benchmarks.Scenarios;

/// <summary>
/// Cluster-wide quota: N gateway processes on one PostgreSQL, in front of an emulator enforcing small limits on
/// two accounts of two keys each, offered several times what the limits admit. Every answer must be a 200 or a
/// 429 with retry-after; the emulator counts the 429s the cluster caused upstream.
/// <list type="bullet">
/// <item><c>uniform</c>: one model, the same 80-token request at a steady rate.</item>
/// <item><c>mixed</c>: two models with limits of their own, prompts of 50–2,000 characters, <c>max_tokens</c> 16–256,
/// 30% streamed, Poisson arrivals from a seed (<see cref="MixedTraffic"/>), the emulator pacing answers as Groq does.</item>
/// </list>
/// With a kill time, the process hosting most quota grains is killed then (<c>kill -9</c>), and the traffic goes on
/// through the others.
/// </summary>
internal static class QuotaScenario
{
    private const int Accounts = 2;

    private static readonly QuotaModelLimits[] UniformModels = [new(BenchmarkServices.Model, 300, 24_000)];
    private static readonly QuotaModelLimits[] MixedModels = [new(BenchmarkServices.Model, 300, 24_000), new("llama-3.3-70b-versatile", 200, 16_000)];

    // About 80 tokens a request (a 200-character prompt, a 32-token answer): offering `load` times the RPM in requests
    // offers about that times the TPM in tokens as well, so both limits are pressed.
    private static readonly string UniformBody =
        $$"""{"model":"llama-3.1-8b-instant","max_tokens":48,"messages":[{"role":"user","content":"{{new string('q', 200)}}"}]}""";

    public static async Task RunAsync(int nodes, TimeSpan duration, double load, string mix, int seed, TimeSpan? killQuotaHostAt)
    {
        var mixed = mix switch
        {
            "uniform" => false,
            "mixed" => true,
            _ => throw new ArgumentException($"--mix must be 'uniform' or 'mixed', not '{mix}'.", nameof(mix)),
        };
        var models = mixed ? MixedModels : UniformModels;
        await ReleaseBuild.EnsureAsync();
        var database = await PostgresServer.CreateDatabaseAsync();
        var gateways = new List<ServiceProcess>();
        var siloPorts = new List<int>();
        try
        {
            await using var emulator = await BenchmarkServices.StartEmulatorAsync(EmulatorConfig(models, mixed));
            for (var i = 0; i < nodes; i++)
            {
                siloPorts.Add(ServiceProcess.FreePort());
                gateways.Add(await BenchmarkServices.StartGatewayAsync(emulator, GatewaySettings(database, models, siloPorts[i])));
            }

            var clients = gateways.Select(g => new HttpClient { BaseAddress = g.BaseAddress, Timeout = TimeSpan.FromMinutes(2) }).ToList();
            var killed = -1;
            string outcome;
            if (mixed)
            {
                var traffic = new MixedTraffic(clients, [.. models.Select(m => m.Model)], seed);
                var offeredPerSecond = load * Accounts * models.Sum(m => Math.Min(m.Rpm, m.Tpm / MixedTraffic.MeanReservedTokens)) / 60;
                var kill = killQuotaHostAt is { } at ? KillQuotaHostAsync(at, gateways, siloPorts, traffic.Retire) : Task.FromResult(-1);
                var result = await traffic.OfferAsync(offeredPerSecond, duration);
                killed = await kill;
                outcome = $"served={result.Served} rejected_with_retry_after={result.RejectedWithRetryAfter} lost={result.Lost} " +
                    $"lost_on_killed_node={result.LostOnKilledNode} requests={result.Sent} offered_per_s={offeredPerSecond:0.0}";
            }
            else
            {
                var result = await SteadyLoad.OfferAsync(clients, "openai/v1/chat/completions", UniformBody, load * UniformModels[0].Rpm * Accounts / 60, duration);
                outcome = $"served={result.Served} rejected_with_retry_after={result.RejectedWithRetryAfter} lost={result.Lost} requests={result.Sent}";
            }

            clients.ForEach(c => c.Dispose());
            using var emulatorHttp = new HttpClient { BaseAddress = emulator.BaseAddress };
            var stats = await emulatorHttp.GetFromJsonAsync<JsonElement>("_emulator/stats");
            var leaseStatements = 0L;
            for (var i = 0; i < gateways.Count; i++)
            {
                if (i == killed)
                {
                    continue;
                }

                using var http = new HttpClient { BaseAddress = gateways[i].BaseAddress };
                var quotas = await http.GetFromJsonAsync<JsonElement>("admin/quotas");
                leaseStatements += quotas.GetProperty("data").EnumerateArray().Sum(q => q.GetProperty("lease_statements").GetInt64());
                var keys = await http.GetFromJsonAsync<JsonElement>("admin/keys");
                foreach (var key in keys.GetProperty("data").EnumerateArray().Where(k => k.GetProperty("reason").ValueKind == JsonValueKind.String))
                {
                    Console.WriteLine($"  {gateways[i].BaseAddress} key {key.GetProperty("alias")} cooled down for {key.GetProperty("reason")}");
                }
            }

            // Buckets start full, then refill: the most a perfect cluster could have been served in the window, per
            // model on the limit that binds (requests or tokens; cached tokens are free).
            var window = 1 + duration.TotalMinutes;
            var entries = stats.GetProperty("entries").EnumerateArray().ToList();
            var utilizations = models.Select(m =>
            {
                var mine = entries.Where(e => e.GetProperty("model").GetString() == m.Model).ToList();
                var served = mine.Sum(e => e.GetProperty("served").GetInt64());
                var tokens = mine.Sum(e => e.GetProperty("prompt_tokens").GetInt64() - e.GetProperty("cached_tokens").GetInt64() + e.GetProperty("completion_tokens").GetInt64());
                var requestsShare = served / (Accounts * m.Rpm * window);
                var tokensShare = tokens / (Accounts * m.Tpm * window);
                return (m.Model, Binding: tokensShare >= requestsShare ? "tpm" : "rpm", Value: Math.Max(requestsShare, tokensShare),
                    RateLimited: mine.Sum(e => e.GetProperty("rate_limited").GetInt64()));
            }).ToList();
            Console.WriteLine(
                $"quota: nodes={nodes} mix={mix} load={load:0.#}x seconds={duration.TotalSeconds:0} seed={seed} " +
                $"upstream_429={stats.GetProperty("totals").GetProperty("rate_limited").GetInt64()} utilization={utilizations.Min(u => u.Value):0.000} " +
                $"{outcome} lease_statements={leaseStatements}" + (killed >= 0 ? $" killed_node={killed}" : string.Empty));
            foreach (var u in utilizations)
            {
                Console.WriteLine($"  {u.Model}: utilization={u.Value:0.000} ({u.Binding}) upstream_429={u.RateLimited}");
            }
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

    /// <summary>
    /// At <paramref name="at"/>, finds the silo hosting most quota grains in <c>GET /admin/runtime</c>, takes its
    /// process out of the traffic and kills it; returns its index.
    /// </summary>
    private static async Task<int> KillQuotaHostAsync(TimeSpan at, IReadOnlyList<ServiceProcess> gateways, IReadOnlyList<int> siloPorts, Action<int> retire)
    {
        await Task.Delay(at);
        using var http = new HttpClient { BaseAddress = gateways[0].BaseAddress };
        var runtime = await http.GetFromJsonAsync<JsonElement>("admin/runtime");
        var host = runtime.GetProperty("silos").EnumerateArray()
            .Select(s => (Address: s.GetProperty("address").GetString()!, Grains: s.GetProperty("activations").TryGetProperty("ModelQuotaGrain", out var n) ? n.GetInt32() : 0))
            .MaxBy(s => s.Grains);
        var index = Enumerable.Range(0, siloPorts.Count).Single(i => host.Address.Contains($":{siloPorts[i].ToString(CultureInfo.InvariantCulture)}:", StringComparison.Ordinal));
        retire(index);
        await gateways[index].KillAsync();
        Console.WriteLine($"  killed node {index} ({host.Address}, {host.Grains} quota grains) at {at.TotalSeconds:0} s");
        return index;
    }

    private static string EmulatorConfig(IReadOnlyList<QuotaModelLimits> models, bool mixed) => JsonSerializer.Serialize(new
    {
        // Mixed traffic is paced as Groq paces it, and its answers run to 160 tokens, so that many are cut by max_tokens.
        time_profile = mixed ? "realistic" : "zero",
        default_completion_tokens = mixed ? 160 : 32,
        accounts = Enumerable.Range(0, Accounts).Select(a => new
        {
            id = $"org_{a}",
            keys = new[] { new { alias = $"k{a}a", secret = $"gsk_quota_bench_{a}_a" }, new { alias = $"k{a}b", secret = $"gsk_quota_bench_{a}_b" } },
            limits = models.ToDictionary(m => m.Model, m => (object)new { rpm = m.Rpm, rpd = 1_000_000, tpm = m.Tpm, tpd = 10_000_000 }),
        }),
    });

    private static Dictionary<string, string> GatewaySettings(string database, IReadOnlyList<QuotaModelLimits> models, int siloPort)
    {
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = database,
            ["Orleans__SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
        };
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

            foreach (var model in models)
            {
                settings[$"Quota__Accounts__org_{a}__{model.Model}__Rpm"] = model.Rpm.ToString(CultureInfo.InvariantCulture);
                settings[$"Quota__Accounts__org_{a}__{model.Model}__Tpm"] = model.Tpm.ToString(CultureInfo.InvariantCulture);
            }
        }

        return settings;
    }
}
