using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace OrleansGroq.IntegrationTests.Infrastructure;

/// <summary>Loopback ports that were free a moment ago, never the same one twice in this process.</summary>
internal static class FreePort
{
    private static readonly ConcurrentDictionary<int, bool> HandedOut = new();

    public static int Next()
    {
        while (true)
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            if (HandedOut.TryAdd(port, true))
            {
                return port;
            }
        }
    }
}
