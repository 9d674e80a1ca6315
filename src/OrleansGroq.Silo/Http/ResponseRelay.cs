using System.Buffers;
using OrleansGroq.Silo.Errors;
using OrleansGroq.Silo.Telemetry;

namespace OrleansGroq.Silo.Http;

/// <summary>Copies an upstream response to the client as bytes: buffered answers whole, SSE as it arrives.</summary>
public static class ResponseRelay
{
    private const int BufferSize = 16 * 1024;

    private static readonly byte[] Done = "data: [DONE]\n\n"u8.ToArray();

    public static async Task RelayBufferedAsync(HttpContext context, HttpResponseMessage upstream, CancellationToken cancellationToken)
    {
        var response = context.Response;
        response.StatusCode = (int)upstream.StatusCode;
        response.ContentType = upstream.Content.Headers.ContentType?.ToString() ?? "application/json";
        response.ContentLength = upstream.Content.Headers.ContentLength;
        if (upstream.Headers.RetryAfter is { Delta: { } retryAfter })
        {
            response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await upstream.Content.CopyToAsync(response.Body, cancellationToken);
    }

    /// <summary>
    /// Relays an SSE body, flushing each read's whole lines as they arrive. The stream ends honestly: with the
    /// upstream's <c>[DONE]</c> only after well-formed chunks, with the upstream's own error event, or with a typed
    /// <c>event: error</c> of the gateway's when a chunk is malformed or the upstream stops early (connection lost, or
    /// no byte within <paramref name="stallTimeout"/>), never with a fake <c>[DONE]</c>.
    /// </summary>
    /// <param name="holdDone">
    /// Keep <c>[DONE]</c> back: the caller ends the stream with <see cref="EndAsync"/> once it knows the answer is kept,
    /// so a conversation's client sees a complete answer exactly when its turn is stored.
    /// </param>
    public static async Task<SseEnd> RelayStreamAsync(
        HttpContext context, HttpResponseMessage upstream, TimeSpan stallTimeout, CancellationToken cancellationToken, ISseObserver? observer = null, bool holdDone = false)
    {
        using var span = GatewayTelemetry.Source.StartActivity("orleansgroq.relay");
        var response = context.Response;
        response.StatusCode = (int)upstream.StatusCode;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";

        var output = response.BodyWriter;
        var lines = new SseLineFilter(observer);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        SseEnd end;
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
                    end = lines.Finish();
                    break;
                }

                if (lines.Pass(buffer.AsSpan(0, read), output) is { } reached)
                {
                    end = reached;
                    break;
                }

                await output.FlushAsync(cancellationToken);
                if (!stall.TryReset())
                {
                    end = SseEnd.Interrupted;
                    break;
                }
            }
        }
        catch (Exception e) when (e is IOException or HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // A lost connection or a stall is reported to the client below, as an SSE error event.
            end = SseEnd.Interrupted;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (!lines.AtEventBoundary)
        {
            output.Write("\n"u8);
        }

        switch (end)
        {
            case SseEnd.Done when !holdDone:
                output.Write(Done);
                break;
            case SseEnd.Malformed:
                output.Write(StreamErrors.UpstreamMalformed.Bytes);
                break;
            case SseEnd.Interrupted:
                output.Write(StreamErrors.UpstreamInterrupted.Bytes);
                break;
        }

        await output.FlushAsync(cancellationToken);
        return end;
    }

    /// <summary>Ends a stream relayed with its <c>[DONE]</c> held back: with <c>[DONE]</c>, or with <paramref name="error"/> instead.</summary>
    public static async Task EndAsync(HttpContext context, SseErrorEvent? error, CancellationToken cancellationToken)
    {
        var output = context.Response.BodyWriter;
        output.Write(error is null ? Done : error.Bytes);
        await output.FlushAsync(cancellationToken);
    }
}
