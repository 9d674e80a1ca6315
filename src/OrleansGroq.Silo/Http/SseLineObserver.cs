using System.Buffers;

namespace OrleansGroq.Silo.Http;

/// <summary>Splits a relayed SSE stream into lines (a line may span reads) and hands on each <c>data:</c> payload.</summary>
public abstract class SseLineObserver : ISseObserver
{
    private readonly ArrayBufferWriter<byte> _partialLine = new();

    public void Observe(ReadOnlySpan<byte> bytes)
    {
        while (bytes.Length > 0)
        {
            var newline = bytes.IndexOf((byte)'\n');
            if (newline < 0)
            {
                _partialLine.Write(bytes);
                return;
            }

            if (_partialLine.WrittenCount > 0)
            {
                _partialLine.Write(bytes[..newline]);
                ReadLine(_partialLine.WrittenSpan);
                _partialLine.ResetWrittenCount();
            }
            else
            {
                ReadLine(bytes[..newline]);
            }

            bytes = bytes[(newline + 1)..];
        }
    }

    /// <summary>Called with the JSON of each <c>data:</c> line other than <c>[DONE]</c>.</summary>
    protected abstract void OnData(ReadOnlySpan<byte> json);

    private void ReadLine(ReadOnlySpan<byte> line)
    {
        line = line.TrimEnd((byte)'\r');
        if (line.StartsWith("data: "u8) && !line.SequenceEqual("data: [DONE]"u8))
        {
            OnData(line[6..]);
        }
    }
}
