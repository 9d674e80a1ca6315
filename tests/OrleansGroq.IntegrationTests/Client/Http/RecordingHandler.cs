using System.Collections.Concurrent;

namespace OrleansGroq.IntegrationTests.Client.Http;

/// <summary>Sends requests on to the gateway and keeps each as it went out: its headers and body.</summary>
internal sealed class RecordingHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    public ConcurrentQueue<SentRequest> Sent { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        Sent.Enqueue(new SentRequest(
            request.RequestUri!.AbsolutePath,
            request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(",", h.Value)),
            body));
        return await base.SendAsync(request, cancellationToken);
    }
}
