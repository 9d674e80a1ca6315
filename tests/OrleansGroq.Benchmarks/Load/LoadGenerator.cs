using System.Diagnostics;
using System.Net.Http.Headers;

namespace OrleansGroq.Benchmarks.Load;

/// <summary>
/// Drives one endpoint with a fixed request. Open loop: requests leave on a fixed schedule and latency
/// counts from the scheduled time, so a slow server cannot hide its queueing (no coordinated omission).
/// Closed loop: a fixed number of workers send back to back, which finds the maximum throughput.
/// </summary>
internal sealed class LoadGenerator(Uri url, byte[] body, string bearer) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = 512,
        PooledConnectionLifetime = TimeSpan.FromMinutes(10),
    });

    /// <summary>The gateway's own time per request, as its <c>x-orleansgroq-overhead-ms</c> header reports it.</summary>
    public LatencyRecorder Overhead { get; private set; } = new(1);

    public async Task<LatencySummary> OpenLoopAsync(int ratePerSecond, TimeSpan duration)
    {
        var total = (int)(ratePerSecond * duration.TotalSeconds);
        var recorder = new LatencyRecorder(total);
        Overhead = new LatencyRecorder(total);
        var inFlight = new List<Task>(total);
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < total; i++)
        {
            var due = start + (long)(i * (double)Stopwatch.Frequency / ratePerSecond);
            while (Stopwatch.GetTimestamp() < due)
            {
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.FromMilliseconds(2))
                {
                    await Task.Delay(wait - TimeSpan.FromMilliseconds(1));
                }
                else
                {
                    Thread.SpinWait(50);
                }
            }

            inFlight.Add(SendAsync(recorder, due));
        }

        await Task.WhenAll(inFlight);
        return recorder.Summarize();
    }

    public async Task<(double RequestsPerSecond, LatencySummary Latency)> ClosedLoopAsync(int workers, TimeSpan duration)
    {
        var recorder = new LatencyRecorder(5_000_000);
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                await SendAsync(recorder, Stopwatch.GetTimestamp());
            }
        }));
        var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var summary = recorder.Summarize();
        return (summary.Count / elapsed, summary);
    }

    public async Task WarmUpAsync(int requests)
    {
        var recorder = new LatencyRecorder(requests);
        await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
        {
            for (var i = 0; i < requests / 16; i++)
            {
                await SendAsync(recorder, Stopwatch.GetTimestamp());
            }
        }));
        if (recorder.Errors > 0)
        {
            throw new InvalidOperationException($"{recorder.Errors} of {requests} warm-up requests to {url} failed.");
        }
    }

    private async Task SendAsync(LatencyRecorder recorder, long scheduled)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            if (response.IsSuccessStatusCode)
            {
                recorder.Record(Stopwatch.GetElapsedTime(scheduled));
                if (response.Headers.TryGetValues("x-orleansgroq-overhead-ms", out var values)
                    && double.TryParse(values.First(), System.Globalization.CultureInfo.InvariantCulture, out var overheadMs))
                {
                    Overhead.Record(TimeSpan.FromMilliseconds(overheadMs));
                }
            }
            else
            {
                recorder.RecordError();
            }
        }
        catch (HttpRequestException)
        {
            recorder.RecordError();
        }
    }

    public void Dispose() => _http.Dispose();
}
