using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;

namespace OrleansGroq.Benchmarks.Load;

/// <summary>
/// Times single requests as a streaming client sees them: until the first SSE event (a <c>data:</c> line and its
/// blank line) has arrived, which is when an SDK can hand out the first chunk, and until the whole body has.
/// Not thread-safe: one probe per worker.
/// </summary>
internal sealed class FirstEventProbe(Uri url, string bearer) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10) });
    private readonly byte[] _buffer = new byte[64 * 1024];

    /// <returns>
    /// The time to the first complete <c>data:</c> event (null when the body has none, as a non-streamed answer), the
    /// time to the end of the body, and the gateway's own time as its <c>x-orleansgroq-overhead-ms</c> header reports it.
    /// </returns>
    public async Task<ProbeTiming> SendAsync(byte[] body)
    {
        var started = Stopwatch.GetTimestamp();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();

        await using var content = await response.Content.ReadAsStreamAsync();
        TimeSpan? firstEvent = null;
        var held = 0;
        int read;
        while ((read = await content.ReadAsync(_buffer.AsMemory(held))) > 0)
        {
            if (firstEvent is null)
            {
                held += read;
                if (FirstEventEnds(_buffer.AsSpan(0, held)))
                {
                    firstEvent = Stopwatch.GetElapsedTime(started);
                }
                else if (held == _buffer.Length)
                {
                    throw new InvalidOperationException($"{url} sent {held} bytes without a complete first event.");
                }
            }
        }

        var whole = Stopwatch.GetElapsedTime(started);
        double? overheadMs = response.Headers.TryGetValues("x-orleansgroq-overhead-ms", out var values)
            && double.TryParse(values.First(), CultureInfo.InvariantCulture, out var ms) ? ms : null;
        return new ProbeTiming(firstEvent, whole, overheadMs);
    }

    private static bool FirstEventEnds(ReadOnlySpan<byte> received) =>
        received.StartsWith("data:"u8) && received.IndexOf("\n\n"u8) >= 0;

    public void Dispose() => _http.Dispose();
}
