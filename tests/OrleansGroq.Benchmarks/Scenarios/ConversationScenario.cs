using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using OrleansGroq.Benchmarks.Hosting;
using OrleansGroq.Benchmarks.Load;
using OrleansGroq.Testing;

namespace OrleansGroq.Benchmarks.Scenarios;

/// <summary>
/// Many multi-turn conversations through one gateway node on PostgreSQL, against the emulator at zero delay:
/// turn throughput and latency, the gateway's own time per turn (history, lease and append included),
/// the rows PostgreSQL writes per turn, and the node's memory before and after idle activations are collected.
/// </summary>
internal static class ConversationScenario
{
    private const string Secret = "gsk_benchmark_conversations_not_a_secret";
    private static readonly TimeSpan CollectionAge = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan StatisticsDelay = TimeSpan.FromSeconds(11);

    public static async Task RunAsync(int conversations, int turns, int concurrency)
    {
        await ReleaseBuild.EnsureAsync();
        var database = await PostgresServer.CreateDatabaseAsync();
        try
        {
            await using var emulator = await BenchmarkServices.StartEmulatorAsync(BenchmarkServices.SingleKeyConfig(Secret));
            var settings = BenchmarkServices.SingleKeySettings(Secret);
            settings["ConnectionStrings__Postgres"] = database;
            settings["Grains__CollectionAge"] = CollectionAge.ToString();
            settings["Grains__CollectionQuantum"] = "00:00:05";
            await using var gateway = await BenchmarkServices.StartGatewayAsync(emulator, settings);
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = gateway.BaseAddress };

            var idle = await RuntimeAsync(http);
            var ids = new string[conversations];
            await Parallel.ForAsync(0, conversations, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, _) =>
                ids[i] = await CreateAsync(http));

            // PostgreSQL backends publish their row counts at most once a second, and an idle pooled connection only
            // after about 10 s: both readings wait past that.
            await Task.Delay(StatisticsDelay);
            var rowsBefore = await RowCountsAsync(database);
            var latency = new LatencyRecorder(conversations * turns);
            var overhead = new LatencyRecorder(conversations * turns);
            var started = Stopwatch.GetTimestamp();
            for (var turn = 1; turn <= turns; turn++)
            {
                await Parallel.ForAsync(0, conversations, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, _) =>
                    await TurnAsync(http, ids[i], turn, latency, overhead));
            }

            var elapsed = Stopwatch.GetElapsedTime(started);
            await Task.Delay(StatisticsDelay);
            var rowsAfter = await RowCountsAsync(database);
            var loaded = await RuntimeAsync(http);
            await Task.Delay(CollectionAge + TimeSpan.FromSeconds(12));
            var collected = await RuntimeAsync(http);

            var done = latency.Count;
            Console.WriteLine($"conversations: {conversations} x {turns} turns, concurrency {concurrency}, one node on PostgreSQL");
            Console.WriteLine($"turns: {done} in {elapsed.TotalSeconds:0.0}s = {done / elapsed.TotalSeconds:0} turns/s, failed {latency.Errors}");
            Console.WriteLine($"turn latency: {latency.Summarize()}");
            Console.WriteLine($"gateway overhead per turn (x-orleansgroq-overhead-ms): {overhead.Summarize()}");
            Console.WriteLine($"postgres rows per turn: inserted {(rowsAfter.Inserted - rowsBefore.Inserted) / (double)done:0.00}, updated {(rowsAfter.Updated - rowsBefore.Updated) / (double)done:0.00}");
            Console.WriteLine($"node memory: idle {idle}");
            Console.WriteLine($"node memory: after load {loaded}");
            Console.WriteLine($"node memory: after idle collection {collected}");
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(database);
        }
    }

    private static async Task<string> CreateAsync(HttpClient http)
    {
        using var response = await http.PostAsync("v1/conversations", Json("""{"model":"speed","system":"You are the load test's patient listener."}"""));
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("id").GetString()!;
    }

    private static async Task TurnAsync(HttpClient http, string id, int turn, LatencyRecorder latency, LatencyRecorder overhead)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await http.PostAsync($"v1/conversations/{id}/messages", Json($$"""{"content":"This is turn {{turn}}. Please answer briefly.","max_tokens":16}"""));
        await response.Content.LoadIntoBufferAsync();
        if (!response.IsSuccessStatusCode)
        {
            latency.RecordError();
            return;
        }

        latency.Record(Stopwatch.GetElapsedTime(started));
        if (response.Headers.TryGetValues("x-orleansgroq-overhead-ms", out var values)
            && double.TryParse(values.First(), System.Globalization.CultureInfo.InvariantCulture, out var ms))
        {
            overhead.Record(TimeSpan.FromMilliseconds(ms));
        }
    }

    private static async Task<string> RuntimeAsync(HttpClient http)
    {
        using var collected = await http.PostAsync("admin/runtime/collect", content: null);
        var runtime = await collected.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var activations = runtime.GetProperty("silos").EnumerateArray()
            .Sum(silo => silo.GetProperty("activations").TryGetProperty("ConversationGrain", out var count) ? count.GetInt32() : 0);
        return $"conversation activations={activations} gc_heap={runtime.GetProperty("gc_heap_bytes").GetInt64() / 1048576.0:0.0}MiB working_set={runtime.GetProperty("working_set_bytes").GetInt64() / 1048576.0:0.0}MiB";
    }

    private static async Task<(long Inserted, long Updated)> RowCountsAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT coalesce(sum(n_tup_ins), 0)::bigint, coalesce(sum(n_tup_upd), 0)::bigint FROM pg_stat_user_tables", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
