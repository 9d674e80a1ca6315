using OrleansGroq.Abstractions.Gateway;

namespace OrleansGroq.Client.Cluster;

/// <summary>How an <see cref="HttpRequestMessage"/> travels to the gateway through the cluster.</summary>
internal static class ClusterRequests
{
    private const string IdempotencyKey = "Idempotency-Key";

    /// <summary>The request as the grain takes it: method, path and query, headers and the whole body.</summary>
    public static async Task<GatewayRequest> ToGatewayRequestAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri is { IsAbsoluteUri: true } absolute
            ? absolute
            : throw new InvalidOperationException("The request has no absolute URI; give the HttpClient a BaseAddress.");
        var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .SelectMany(h => h.Value.Select(v => KeyValuePair.Create(h.Key, v)))
            .ToArray();
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        return new GatewayRequest(request.Method.Method, uri.PathAndQuery, uri.Authority, headers, body);
    }

    /// <summary>
    /// Whether the request may be sent again when its silo was lost before answering, though it may have run there:
    /// a read, a request that carries an <c>Idempotency-Key</c>, or one that stores nothing (a chat completion, an
    /// extraction). A conversation's creation, deletion or turn without a key could happen twice, so it is not resent.
    /// </summary>
    public static bool CanResend(HttpRequestMessage request) =>
        request.Method == HttpMethod.Get
        || request.Method == HttpMethod.Head
        || request.Headers.Contains(IdempotencyKey)
        || !request.RequestUri!.Segments.Any(segment => segment.TrimEnd('/') == "conversations");
}
