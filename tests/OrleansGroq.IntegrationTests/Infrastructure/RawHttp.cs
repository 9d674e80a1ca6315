using System.Net.Sockets;
using System.Text;

namespace OrleansGroq.IntegrationTests.Infrastructure;

/// <summary>
/// Sends bytes HttpClient would never send (malformed framing) on a connection of their own, and reads the answer
/// until the server closes it.
/// </summary>
internal static class RawHttp
{
    public sealed record Answer(int StatusCode, IReadOnlyDictionary<string, string> Headers, string Body);

    /// <param name="head">The request line and headers, without Host and Connection, which are added.</param>
    public static async Task<Answer> SendAsync(Uri server, string head, string body)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        await using var stream = client.GetStream();
        var request = $"{head.TrimEnd()}\r\nHost: {server.Authority}\r\nConnection: close\r\n\r\n{body}";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return Parse(await reader.ReadToEndAsync(timeout.Token));
    }

    private static Answer Parse(string text)
    {
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var lines = text[..split].Split("\r\n");
        var headers = lines[1..].Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var body = text[(split + 4)..];
        if (headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = Dechunk(body);
        }

        return new Answer(int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), headers, body);
    }

    private static string Dechunk(string chunked)
    {
        var body = new StringBuilder();
        var at = 0;
        while (true)
        {
            var end = chunked.IndexOf("\r\n", at, StringComparison.Ordinal);
            var size = Convert.ToInt32(chunked[at..end], 16);
            if (size == 0)
            {
                return body.ToString();
            }

            body.Append(chunked, end + 2, size);
            at = end + 2 + size + 2;
        }
    }
}
