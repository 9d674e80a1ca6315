using System.Globalization;
using System.Text;

namespace OrleansGroq.Testing.Fuzz;

/// <summary>Reads the first HTTP/1.1 answer out of the bytes a raw request got back.</summary>
internal static class RawAnswerReader
{
    public static FuzzAnswer Read(byte[] data)
    {
        var end = data.AsSpan().IndexOf("\r\n\r\n"u8);
        if (end < 0)
        {
            return FuzzAnswer.None(data.Length == 0 ? "connection closed without an answer" : "an incomplete answer");
        }

        var lines = Encoding.Latin1.GetString(data, 0, end).Split("\r\n");
        var status = lines[0].Split(' ') is [_, var code, ..] && int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
        if (status == 0)
        {
            return FuzzAnswer.None("an unreadable status line: " + lines[0]);
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }

        var rest = data.AsSpan(end + 4);
        var body = headers.TryGetValue("Transfer-Encoding", out var coding) && coding.Contains("chunked", StringComparison.OrdinalIgnoreCase)
            ? Dechunk(rest)
            : headers.TryGetValue("Content-Length", out var length) && int.TryParse(length, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
                ? rest[..Math.Min(count, rest.Length)].ToArray()
                : rest.ToArray();
        return FuzzAnswer.From(status, name => headers.GetValueOrDefault(name), body);
    }

    private static byte[] Dechunk(ReadOnlySpan<byte> data)
    {
        var body = new MemoryStream();
        while (true)
        {
            var lineEnd = data.IndexOf("\r\n"u8);
            if (lineEnd < 0
                || !int.TryParse(Encoding.ASCII.GetString(data[..lineEnd]).Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var size)
                || size == 0)
            {
                return body.ToArray();
            }

            data = data[(lineEnd + 2)..];
            body.Write(data[..Math.Min(size, data.Length)]);
            if (data.Length < size + 2)
            {
                return body.ToArray();
            }

            data = data[(size + 2)..];
        }
    }
}
