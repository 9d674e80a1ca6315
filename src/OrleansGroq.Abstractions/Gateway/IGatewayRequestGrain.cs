using Orleans.Concurrency;

namespace OrleansGroq.Abstractions.Gateway;

/// <summary>
/// Runs one HTTP request through the gateway's own pipeline on the silo the call reaches, as if that silo's HTTP
/// server had received it: authentication, validation, admission, the cascade, local answers, errors and timing
/// headers all apply. This is how an Orleans client uses the gateway without HTTP. Each request takes a grain of its
/// own (a fresh key), so that every step of its answer's enumeration reaches the activation running it.
/// </summary>
public interface IGatewayRequestGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Sends <paramref name="request"/> and yields its answer as the pipeline writes it: first a
    /// <see cref="GatewayResponseStart"/> (status and headers), then the body as <see cref="GatewayResponseChunk"/>s.
    /// Only the API routes (<c>/openai/v1/…</c>, <c>/v1/…</c>) are reachable; others answer 404. Cancelling, or
    /// leaving the enumeration early, aborts the request.
    /// </summary>
    IAsyncEnumerable<GatewayResponsePart> SendAsync(GatewayRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Tells the grain its client has read the whole answer, its end included, so that it may go. Until then it stays:
    /// the end of an answer can reach the grain before its client asks for it, and an activation gone by then would
    /// take the enumeration's last step with it.
    /// </summary>
    [OneWay]
    Task ReleaseAsync();
}
