using System.Net;
using System.Net.Sockets;

namespace OrleansGroq.IntegrationTests.Infrastructure;

/// <summary>
/// Ports for listeners the tests name in advance (silo, gateway and HTTP ports of gateways), never the same one twice
/// in this process and free when handed out. They come from below Linux's ephemeral range (32768 and up): a port the
/// kernel picked for "port 0" could be handed to an outgoing connection or another port-0 listener before the silo
/// binds it, and a silo then failed to start with "address already in use".
/// </summary>
internal static class FreePort
{
    private const int First = 20_000;
    private const int Count = 12_000;

    // A different start per process, so that two test processes on one machine rarely walk the same ports.
    private static int _next = Random.Shared.Next(Count);

    public static int Next()
    {
        for (var tried = 0; tried < Count; tried++)
        {
            var port = First + (int)((uint)Interlocked.Increment(ref _next) % Count);
            if (IsFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No free port from {First} to {First + Count - 1}.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            var listener = new TcpListener(IPAddress.Any, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
