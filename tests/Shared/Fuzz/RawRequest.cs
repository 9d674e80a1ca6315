using System.Net.Sockets;
using System.Text;

namespace OrleansGroq.Testing.Fuzz;

/// <summary>
/// Bytes written to a socket as they are, for what HttpClient cannot send: broken chunked framing, a Content-Length
/// that lies, unparsable request lines and headers. A request whose bytes stop short of its own framing closes the
/// sending side, so the server sees the end at once instead of waiting out its body timeout.
/// </summary>
internal sealed class RawRequest(byte[] bytes, bool endsEarly) : FuzzRequest
{
    private const int MaxAnswerBytes = 8 << 20;

    /// <summary>
    /// A request from its parts: <paramref name="head"/> is the request line and header lines, each without its CRLF;
    /// <c>Host</c> and <c>Connection: close</c> are added unless <paramref name="bare"/>.
    /// </summary>
    public static RawRequest Of(IEnumerable<string> head, ReadOnlySpan<byte> body, bool endsEarly = false, bool bare = false)
    {
        var text = new StringBuilder();
        foreach (var line in head)
        {
            text.Append(line).Append("\r\n");
        }

        if (!bare)
        {
            text.Append("Host: localhost\r\nConnection: close\r\n");
        }

        text.Append("\r\n");
        return new RawRequest([.. Encoding.Latin1.GetBytes(text.ToString()), .. body], endsEarly);
    }

    public override async Task<FuzzAnswer> SendAsync(FuzzTarget target, CancellationToken cancellationToken)
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(target.Http.Timeout);
        var received = new MemoryStream();
        try
        {
            await socket.ConnectAsync(target.BaseAddress.Host, target.BaseAddress.Port, timeout.Token);
            try
            {
                await socket.SendAsync(bytes, SocketFlags.None, timeout.Token);
                if (endsEarly)
                {
                    socket.Shutdown(SocketShutdown.Send);
                }
            }
            catch (SocketException)
            {
                // The server may answer and close before it has read everything (a 431 for huge headers): its answer
                // is still there to read.
            }

            var buffer = new byte[16384];
            while (received.Length < MaxAnswerBytes)
            {
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
                if (read == 0)
                {
                    break;
                }

                received.Write(buffer, 0, read);
            }
        }
        catch (SocketException) when (received.Length > 0)
        {
            // A reset after the answer: what arrived is the answer.
        }
        catch (SocketException ex)
        {
            return FuzzAnswer.None("no answer: " + ex.SocketErrorCode);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && received.Length == 0)
        {
            return FuzzAnswer.None($"no answer within {target.Http.Timeout.TotalSeconds:0}s");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The connection stayed open after an answer: read what came.
        }

        return RawAnswerReader.Read(received.ToArray());
    }
}
