using System.Buffers;

namespace OrleansGroq.Silo.Http;

/// <summary>Copies an upstream response to the client as bytes: buffered answers whole, SSE as it arrives.</summary>
public static class ResponseRelay
{
    private const int BufferSize = 16 * 1024;

    private static readonly byte[] EventSeparator = "\n\n"u8.ToArray();

    private static readonly byte[] InterruptedEvent =
        "event: error\ndata: {\"error\":{\"message\":\"The upstream stream was interrupted before it completed.\",\"type\":\"server_error\",\"code\":\"upstream_stream_interrupted\",\"status_code\":502}}\n\n"u8.ToArray();

    /// <param name="endsWithRequest">
    /// Leave the length out, so the response is chunked and completes only when the request handler returns:
    /// a conversation turn is stored before its client can see the response end.
    /// </param>
    public static async Task RelayBufferedAsync(HttpContext context, HttpResponseMessage upstream, CancellationToken cancellationToken, bool endsWithRequest = false)
    {
        var response = context.Response;
        response.StatusCode = (int)upstream.StatusCode;
        response.ContentType = upstream.Content.Headers.ContentType?.ToString() ?? "application/json";
        response.ContentLength = endsWithRequest ? null : upstream.Content.Headers.ContentLength;
        if (upstream.Headers.RetryAfter is { Delta: { } retryAfter })
        {
            response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await upstream.Content.CopyToAsync(response.Body, cancellationToken);
    }

    /// <summary>
    /// Relays an SSE body, flushing each read. If the upstream stops early (connection lost, or no byte
    /// within <paramref name="stallTimeout"/>), the client gets a typed <c>event: error</c>, never a fake <c>[DONE]</c>.
    /// </summary>
    /// <returns>True when the stream completed as the upstream meant it to.</returns>
    public static async Task<bool> RelayStreamAsync(
        HttpContext context, HttpResponseMessage upstream, TimeSpan stallTimeout, CancellationToken cancellationToken, ISseObserver? observer = null)
    {
        var response = context.Response;
        response.StatusCode = (int)upstream.StatusCode;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";

        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        var tail = new SseTail();
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            await using var source = await upstream.Content.ReadAsStreamAsync(cancellationToken);
            while (true)
            {
                stall.CancelAfter(stallTimeout);
                var read = await source.ReadAsync(buffer, stall.Token);
                if (read == 0)
                {
                    break;
                }

                tail.Observe(buffer.AsSpan(0, read));
                observer?.Observe(buffer.AsSpan(0, read));
                await response.Body.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                await response.Body.FlushAsync(cancellationToken);
                if (!stall.TryReset())
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is IOException or HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // A lost connection or a stall is reported to the client below, as an SSE error event.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (tail.EndedWithDone || tail.SawErrorEvent)
        {
            return tail.EndedWithDone;
        }

        if (!tail.AtEventBoundary)
        {
            await response.Body.WriteAsync(EventSeparator, cancellationToken);
        }

        await response.Body.WriteAsync(InterruptedEvent, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
        return false;
    }
}
