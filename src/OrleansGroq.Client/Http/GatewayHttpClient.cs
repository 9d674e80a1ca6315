namespace OrleansGroq.Client.Http;

/// <summary>The <see cref="HttpClient"/> a client builds for itself from <see cref="OrleansGroqClientOptions"/>.</summary>
internal static class GatewayHttpClient
{
    // A node that swallows connection attempts must not hold a call for the whole timeout while others could answer.
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    public static HttpClient Create(OrleansGroqClientOptions options)
    {
        var endpoints = options.ResolveEndpoints();
        var sockets = new SocketsHttpHandler { ConnectTimeout = ConnectTimeout < options.Timeout ? ConnectTimeout : options.Timeout };
        HttpMessageHandler handler = endpoints.Count > 1 ? new EndpointFailoverHandler(endpoints, sockets) : sockets;
        return new HttpClient(handler) { BaseAddress = endpoints[0], Timeout = options.Timeout };
    }
}
