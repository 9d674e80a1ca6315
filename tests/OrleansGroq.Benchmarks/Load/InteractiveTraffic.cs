using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

namespace OrleansGroq.Benchmarks.Load;

/// <summary>
/// Steady interactive chat traffic, open loop: small non-streamed requests leave at a fixed rate or with Poisson gaps
/// from a seed, whatever the answers, each to the next live silo in turn, and to the one after it when its connection
/// is refused (as a load balancer would). Latency counts from the moment a request was due, so a slow cluster cannot
/// hide its queueing. Every prompt is distinct, so that neither the gateway's response cache nor the emulator's
/// prompt cache answers one. A killed silo keeps its turn, as behind a load balancer that has not noticed yet: its
/// refused connections go to the next silo, and the requests it had in flight are counted apart.
/// </summary>
internal sealed class InteractiveTraffic(IReadOnlyList<HttpClient> silos, string model, double perSecond, bool poisson, int seed)
{
    private static readonly string Filler = string.Concat(Enumerable.Repeat("steady interactive traffic beside a batch ", 5));

    private readonly bool[] _killed = new bool[silos.Count];
    private long _sent, _served, _rejected, _failed, _failedOnKilled, _refused, _attempts;
    private long _killedAt = long.MaxValue;
    private int _sequence;

    /// <summary>
    /// Counts the failures of <paramref name="silo"/> from now on as on a killed silo, and the latencies of requests due
    /// from now on apart from the earlier ones.
    /// </summary>
    public void MarkKilled(int silo)
    {
        Volatile.Write(ref _killed[silo], true);
        Interlocked.CompareExchange(ref _killedAt, Stopwatch.GetTimestamp(), long.MaxValue);
    }

    /// <summary>Offers requests until <paramref name="stop"/> fires or <paramref name="longest"/> has passed, then waits for the answers.</summary>
    public async Task<InteractiveResult> RunAsync(TimeSpan longest, CancellationToken stop)
    {
        _sent = _served = _rejected = _failed = _failedOnKilled = _refused = _attempts = 0;
        var capacity = (int)Math.Min(perSecond * longest.TotalSeconds * 1.2 + 1_000, 20_000_000);
        var latency = (All: new LatencyRecorder(capacity), Before: new LatencyRecorder(capacity), After: new LatencyRecorder(capacity));
        var random = new Random(seed);
        var inFlight = new List<Task>();
        var start = Stopwatch.GetTimestamp();
        var due = TimeSpan.Zero;
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            due += poisson ? TimeSpan.FromSeconds(-Math.Log(1 - random.NextDouble()) / perSecond) : TimeSpan.FromSeconds(1 / perSecond);
            if (due >= longest)
            {
                break;
            }

            var wait = due - Stopwatch.GetElapsedTime(start);
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, stop);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            var scheduled = start + (long)(due.TotalSeconds * Stopwatch.Frequency);
            var silo = i % silos.Count;
            _sent++;
            inFlight.Add(Task.Run(() => SendAsync(silo, scheduled, latency)));
        }

        await Task.WhenAll(inFlight);
        var afterKill = latency.After.Count > 0 ? latency.After.Summarize() : null;
        return new InteractiveResult(_sent, _served, _rejected, _failed, _failedOnKilled, _refused, _attempts, latency.All.Summarize(), latency.Before.Summarize(), afterKill);
    }

    private async Task SendAsync(int first, long scheduled, (LatencyRecorder All, LatencyRecorder Before, LatencyRecorder After) latency)
    {
        var body = Encoding.UTF8.GetBytes(
            $$"""{"model":"{{model}}","max_tokens":48,"messages":[{"role":"user","content":"Request {{Interlocked.Increment(ref _sequence)}}: {{Filler}}"}]}""");
        var silo = first;
        for (var tried = 0; tried < silos.Count; tried++, silo = (silo + 1) % silos.Count)
        {
            try
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new("application/json");
                using var response = await silos[silo].PostAsync("openai/v1/chat/completions", content);
                await response.Content.LoadIntoBufferAsync();
                Count(response, scheduled, latency);
                return;
            }
            catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.ConnectionError)
            {
                // Nothing was sent: the next silo takes it, as a load balancer's retry on a refused connection would.
                Interlocked.Increment(ref _refused);
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
            {
                Interlocked.Increment(ref Volatile.Read(ref _killed[silo]) ? ref _failedOnKilled : ref _failed);
                return;
            }
        }

        Interlocked.Increment(ref _failed);
    }

    private void Count(HttpResponseMessage response, long scheduled, (LatencyRecorder All, LatencyRecorder Before, LatencyRecorder After) latency)
    {
        if (response.Headers.TryGetValues("x-orleansgroq-attempts", out var values)
            && int.TryParse(values.First(), CultureInfo.InvariantCulture, out var attempts))
        {
            Interlocked.Add(ref _attempts, attempts);
        }

        if (response.IsSuccessStatusCode)
        {
            var elapsed = Stopwatch.GetElapsedTime(scheduled);
            latency.All.Record(elapsed);
            (scheduled >= Interlocked.Read(ref _killedAt) ? latency.After : latency.Before).Record(elapsed);
            Interlocked.Increment(ref _served);
        }
        else
        {
            Interlocked.Increment(ref response.StatusCode == HttpStatusCode.TooManyRequests ? ref _rejected : ref _failed);
        }
    }
}
