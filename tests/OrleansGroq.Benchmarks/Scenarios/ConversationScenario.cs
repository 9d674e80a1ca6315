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
/// Many multi-turn conversations through one or more gateway silos on PostgreSQL, against the emulator at zero delay
/// (<c>zero</c>: the gateway's own work is all there is, so enough concurrency saturates the machine) or at Groq's pace
/// (<c>realistic</c>: queue time, first-token time and speed from the catalog, as the turns of real users would wait):
/// turn throughput and latency, the gateway's own time per turn (the grain calls and the append included), the
/// statements and rows PostgreSQL runs per turn, and memory before and after idle activations are collected. With
/// several silos each turn goes to the next silo in turn, so most turns reach their conversation's grain remotely.
/// </summary>
internal static class ConversationScenario
{
    private const string Secret = "gsk_benchmark_conversations_not_a_secret";
    private static readonly TimeSpan CollectionAge = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan StatisticsDelay = TimeSpan.FromSeconds(11);

    public static async Task RunAsync(int conversations, int turns, int concurrency, int silos, string profile)
    {
        await ReleaseBuild.EnsureAsync();
        var database = await PostgresServer.CreateDatabaseAsync();
        var gateways = new List<ServiceProcess>();
        try
        {
            await using var emulator = await BenchmarkServices.StartEmulatorAsync(BenchmarkServices.SingleKeyConfig(Secret, profile));
            var settings = BenchmarkServices.SingleKeySettings(Secret);
            settings["ConnectionStrings__Postgres"] = database;
            settings["Orleans__GrainCollection__CollectionAge"] = CollectionAge.ToString();
            settings["Orleans__GrainCollection__CollectionQuantum"] = "00:00:05";
            for (var i = 0; i < silos; i++)
            {
                gateways.Add(await BenchmarkServices.StartGatewayAsync(emulator, settings));
            }

            var clients = gateways.Select(g => new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = g.BaseAddress }).ToList();
            var http = clients[0];

            var idle = await RuntimeAsync(http);
            var ids = new string[conversations];
            await Parallel.ForAsync(0, conversations, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, _) =>
                ids[i] = await CreateAsync(http));

            // PostgreSQL backends publish their counts at most once a second, and an idle pooled connection only after
            // about 10 s: every reading waits past that. The cluster's own traffic (membership, other grains' state)
            // is measured while idle, over the same wait, and taken off the statements the turns ran.
            await Task.Delay(StatisticsDelay);
            var idleFrom = await CountsAsync(database);
            await Task.Delay(StatisticsDelay);
            var before = await CountsAsync(database);
            var idleRate = (before.Statements - idleFrom.Statements) / StatisticsDelay.TotalSeconds;
            var latency = new LatencyRecorder(conversations * turns);
            var overhead = new LatencyRecorder(conversations * turns);
            var started = Stopwatch.GetTimestamp();
            for (var turn = 1; turn <= turns; turn++)
            {
                var round = turn;
                await Parallel.ForAsync(0, conversations, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, _) =>
                    await TurnAsync(clients[(i + round) % clients.Count], ids[i], round, latency, overhead));
            }

            var elapsed = Stopwatch.GetElapsedTime(started);
            await Task.Delay(StatisticsDelay);
            var after = await CountsAsync(database);
            var measured = Stopwatch.GetElapsedTime(started);
            var loaded = await RuntimeAsync(http);
            await Task.Delay(CollectionAge + TimeSpan.FromSeconds(12));
            var collected = await RuntimeAsync(http);

            var done = latency.Count;
            Console.WriteLine($"conversations: {conversations} x {turns} turns, concurrency {concurrency}, {silos} silo(s) on PostgreSQL, emulator profile {profile}");
            Console.WriteLine($"turns: {done} in {elapsed.TotalSeconds:0.0}s = {done / elapsed.TotalSeconds:0} turns/s, failed {latency.Errors}");
            Console.WriteLine($"turn latency: {latency.Summarize()}");
            Console.WriteLine($"gateway overhead per turn (x-orleansgroq-overhead-ms): {overhead.Summarize()}");
            var statements = after.Statements - before.Statements;
            var background = idleRate * measured.TotalSeconds;
            Console.WriteLine(
                $"postgres statements per turn (pg_stat_database xact_commit; each statement outside a transaction commits once): " +
                $"{(statements - background) / done:0.00} ({statements} committed, less {background:0} at the idle rate of {idleRate:0.0}/s)");
            Console.WriteLine($"postgres rows per turn in the conversation tables: inserted {(after.Inserted - before.Inserted) / (double)done:0.00}, updated {(after.Updated - before.Updated) / (double)done:0.00}");
            Console.WriteLine($"first silo's memory: idle {idle}");
            Console.WriteLine($"first silo's memory: after load {loaded}");
            Console.WriteLine($"first silo's memory: after idle collection {collected}");
            clients.ForEach(c => c.Dispose());
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

    private static async Task<(long Statements, long Inserted, long Updated)> CountsAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT (SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()),
                   coalesce(sum(n_tup_ins), 0)::bigint, coalesce(sum(n_tup_upd), 0)::bigint
            FROM pg_stat_user_tables WHERE relname IN ('conversations', 'conversation_messages')
            """,
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
