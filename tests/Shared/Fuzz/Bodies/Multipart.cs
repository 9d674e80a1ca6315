using System.Text;

namespace OrleansGroq.Testing.Fuzz.Bodies;

/// <summary>A multipart/form-data body written byte by byte, so its parts can be broken at will.</summary>
internal sealed class Multipart(string boundary)
{
    private readonly MemoryStream _body = new();

    public string Boundary => boundary;

    public string ContentType => $"multipart/form-data; boundary={boundary}";

    /// <summary>A form field; <paramref name="extraHeaders"/> are written after its Content-Disposition.</summary>
    public Multipart Field(string name, ReadOnlySpan<byte> value, params string[] extraHeaders)
    {
        Head($"Content-Disposition: form-data; name=\"{name}\"", extraHeaders);
        _body.Write(value);
        Write("\r\n");
        return this;
    }

    public Multipart Field(string name, string value, params string[] extraHeaders) => Field(name, Encoding.UTF8.GetBytes(value), extraHeaders);

    public Multipart File(string name, string fileName, ReadOnlySpan<byte> content, params string[] extraHeaders)
    {
        Head($"Content-Disposition: form-data; name=\"{name}\"; filename=\"{fileName}\"", ["Content-Type: audio/wav", .. extraHeaders]);
        _body.Write(content);
        Write("\r\n");
        return this;
    }

    /// <summary>The body, ended by the closing delimiter unless <paramref name="close"/> is false.</summary>
    public byte[] ToArray(bool close = true)
    {
        if (close)
        {
            Write($"--{boundary}--\r\n");
        }

        return _body.ToArray();
    }

    private void Head(string disposition, IEnumerable<string> extraHeaders)
    {
        Write($"--{boundary}\r\n{disposition}\r\n");
        foreach (var header in extraHeaders)
        {
            Write(header + "\r\n");
        }

        Write("\r\n");
    }

    private void Write(string text) => _body.Write(Encoding.UTF8.GetBytes(text));
}
