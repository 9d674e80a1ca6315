using System.Net;
using System.Net.Sockets;

namespace OrleansGroq.IntegrationTests.Infrastructure;

/// <summary>An upstream nobody listens on: every connection is refused.</summary>
internal static class ClosedPort
{
    /// <summary>A Groq-style base URL on a loopback port that was free a moment ago and is closed now.</summary>
    public static Uri Upstream()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/openai/v1/");
    }
}
