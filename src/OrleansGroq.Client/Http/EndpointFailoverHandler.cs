namespace OrleansGroq.Client.Http;

/// <summary>
/// Sends each request to the node that answered last, and on a failure to connect (nothing was sent, so even a POST
/// is safe to resend) to the next node in turn. Requests are addressed under the first node; the others take its place.
/// </summary>
internal sealed class EndpointFailoverHandler(IReadOnlyList<Uri> endpoints, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private int _current;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var relative = endpoints[0].MakeRelativeUri(request.RequestUri!);
        var first = Volatile.Read(ref _current);
        for (var tried = 0; ; tried++)
        {
            var node = (first + tried) % endpoints.Count;
            request.RequestUri = new Uri(endpoints[node], relative);
            try
            {
                var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref _current, node);
                return response;
            }
            catch (Exception e) when (tried + 1 < endpoints.Count && CouldNotConnect(e, cancellationToken))
            {
                // The next node.
            }
        }
    }

    // A refused or unreachable node, or the connect timeout: SocketsHttpHandler reports that as a cancellation the
    // caller did not ask for (neither its token nor HttpClient.Timeout, which cancels the token it passes in).
    private static bool CouldNotConnect(Exception e, CancellationToken cancellationToken) =>
        e is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError }
        || (e is OperationCanceledException { InnerException: TimeoutException } && !cancellationToken.IsCancellationRequested);
}
