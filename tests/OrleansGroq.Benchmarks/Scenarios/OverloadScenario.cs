using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OrleansGroq.Benchmarks.Hosting;
using OrleansGroq.Benchmarks.Load;

namespace OrleansGroq.Benchmarks.Scenarios;

/// <summary>
/// A node far past its concurrency limit: <c>connections</c> clients, each on its own connection, send chat requests
/// to a gateway whose upstream (the emulator, a <c>latency</c> fault) takes <c>delay</c> ms per answer, for
/// <c>seconds</c>. A refused client waits the <c>retry-after</c> it was given, as the SDKs do. Prints what was served
/// and refused, how fast refusals came, the gateway's working set before, during (peak) and after, and whether a
/// request is served once the load has stopped. <c>--limit</c> and <c>--queue</c> override the node's defaults, e.g.
/// a limit above the connections to see what the same load costs unbounded.
/// </summary>
internal static class OverloadScenario
{
    private const string Secret = "gsk_benchmark_key_not_a_real_secret";

    private static readonly byte[] Body = Encoding.UTF8.GetBytes(
        """{"model":"llama-3.1-8b-instant","messages":[{"role":"user","content":"Say hello in five words."}],"max_tokens":32}""");

    public static async Task RunAsync(int connections, TimeSpan duration, int delayMs, int? limit, int? queue)
    {
        await ReleaseBuild.EnsureAsync();
        await using var emulator = await BenchmarkServices.StartEmulatorAsync(BenchmarkServices.SingleKeyConfig(Secret));
        var settings = BenchmarkServices.SingleKeySettings(Secret);
        if (limit is { } l)
        {
            settings["Gateway__Concurrency__Limit"] = l.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (queue is { } q)
        {
            settings["Gateway__Concurrency__QueueLimit"] = q.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await using var gateway = await BenchmarkServices.StartGatewayAsync(emulator, settings);
        using var admin = new HttpClient { BaseAddress = gateway.BaseAddress };
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections + 16 }) { Timeout = Timeout.InfiniteTimeSpan };
        var chat = new Uri(gateway.BaseAddress, "openai/v1/chat/completions");

        for (var i = 0; i < 200; i++)
        {
            using var warm = await SendAsync(client, chat);
        }

        var before = await MemoryAsync(admin, collect: true);
        using (var fault = await admin.PostAsync(
            new Uri(emulator.BaseAddress, "_emulator/faults"), new StringContent($$"""{"kind":"latency","delay_ms":{{delayMs}}}""", Encoding.UTF8, "application/json")))
        {
            fault.EnsureSuccessStatusCode();
        }

        Console.WriteLine($"overload: {connections} connections for {duration.TotalSeconds:0}s, upstream answers in {delayMs} ms, limit {limit?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "default"}, queue {queue?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "default"}");
        var tally = new Tally(connections * 64);
        using var stop = new CancellationTokenSource(duration);
        var sampler = SamplePeakAsync(admin, stop.Token);
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Task.Run(() => ClientAsync(client, chat, tally, stop.Token))));
        var drained = Stopwatch.GetElapsedTime(started);
        var (peak, adminLatency) = await sampler;
        var after = await MemoryAsync(admin, collect: false);
        var afterCollect = await MemoryAsync(admin, collect: true);

        using (await admin.DeleteAsync(new Uri(emulator.BaseAddress, "_emulator/faults")))
        {
        }

        var recovery = Stopwatch.GetTimestamp();
        using var recovered = await SendAsync(client, chat);
        var recoveredIn = Stopwatch.GetElapsedTime(recovery);

        Console.WriteLine($"served:  {tally.Served} ({tally.Served / drained.TotalSeconds:0} req/s over {drained.TotalSeconds:0.0}s, the last in-flight answers included) latency {tally.ServedLatency.Summarize()}");
        Console.WriteLine($"refused: {tally.Refused} with 503 overloaded and retry-after; time to the refusal {tally.RefusedLatency.Summarize()}");
        Console.WriteLine($"other:   {tally.Other} (other status, a 503 without retry-after or not JSON, or a connection error){tally.OtherDetail()}");
        Console.WriteLine($"admin/runtime during the load (never limited): {adminLatency}");
        Console.WriteLine($"working set: before {before.WorkingSet:0.0} MiB, peak during {peak.WorkingSet:0.0} MiB, after {after.WorkingSet:0.0} MiB, after a full GC {afterCollect.WorkingSet:0.0} MiB");
        Console.WriteLine($"GC heap:     before {before.Heap:0.0} MiB, peak during {peak.Heap:0.0} MiB, after {after.Heap:0.0} MiB, after a full GC {afterCollect.Heap:0.0} MiB");
        Console.WriteLine($"recovery: the first request after the load got {(int)recovered.StatusCode} in {recoveredIn.TotalMilliseconds:0.0} ms");
    }

    private static async Task ClientAsync(HttpClient client, Uri chat, Tally tally, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var response = await SendAsync(client, chat);
                var elapsed = Stopwatch.GetElapsedTime(started);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    tally.Serve(elapsed);
                    continue;
                }

                var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter?.Delta is { } wait && IsOverloaded(body))
                {
                    tally.Refuse(elapsed);
                    try
                    {
                        await Task.Delay(wait, stop);
                    }
                    catch (OperationCanceledException)
                    {
                        // The load is over.
                    }

                    continue;
                }

                tally.Fail($"{(int)response.StatusCode}");
            }
            catch (HttpRequestException e)
            {
                tally.Fail(e.HttpRequestError.ToString());
            }
        }
    }

    private static bool IsOverloaded(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.GetProperty("error").GetProperty("code").GetString() == "overloaded";
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, Uri chat)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, chat) { Content = new ByteArrayContent(Body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
    }

    /// <summary>Reads the gateway's memory from its admin route every quarter second until <paramref name="stop"/>; the peak, and how fast admin answered.</summary>
    private static async Task<(Memory Peak, LatencySummary AdminLatency)> SamplePeakAsync(HttpClient admin, CancellationToken stop)
    {
        var peak = new Memory(0, 0);
        var latency = new LatencyRecorder(10_000);
        while (!stop.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            var now = await MemoryAsync(admin, collect: false);
            latency.Record(Stopwatch.GetElapsedTime(started));
            peak = new Memory(Math.Max(peak.WorkingSet, now.WorkingSet), Math.Max(peak.Heap, now.Heap));
            await Task.Delay(250, CancellationToken.None);
        }

        return (peak, latency.Summarize());
    }

    private static async Task<Memory> MemoryAsync(HttpClient admin, bool collect)
    {
        using var response = collect ? await admin.PostAsync("admin/runtime/collect", content: null) : await admin.GetAsync("admin/runtime");
        var runtime = await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        return new Memory(runtime.GetProperty("working_set_bytes").GetInt64() / 1048576.0, runtime.GetProperty("gc_heap_bytes").GetInt64() / 1048576.0);
    }

    private readonly record struct Memory(double WorkingSet, double Heap);

    private sealed class Tally(int capacity)
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _other = new();

        public LatencyRecorder ServedLatency { get; } = new(capacity);

        public LatencyRecorder RefusedLatency { get; } = new(capacity);

        public int Served => ServedLatency.Count;

        public int Refused => RefusedLatency.Count;

        public int Other => _other.Values.Sum();

        public void Serve(TimeSpan latency) => ServedLatency.Record(latency);

        public void Refuse(TimeSpan latency) => RefusedLatency.Record(latency);

        public void Fail(string what) => _other.AddOrUpdate(what, 1, (_, n) => n + 1);

        public string OtherDetail() => _other.IsEmpty ? "" : ": " + string.Join(", ", _other.Select(o => $"{o.Key}={o.Value}"));
    }
}
