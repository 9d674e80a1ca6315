namespace OrleansGroq.IntegrationTests.Streaming;

/// <summary>An upstream body that hands out the given pieces, one per read, then ends or fails as told.</summary>
internal sealed class ScriptedStream(IEnumerable<byte[]> pieces, Exception? failAtEnd = null) : Stream
{
    private readonly Queue<byte[]> _pieces = new(pieces);
    private ReadOnlyMemory<byte> _current;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_current.IsEmpty)
        {
            if (!_pieces.TryDequeue(out var piece))
            {
                return failAtEnd is null ? ValueTask.FromResult(0) : ValueTask.FromException<int>(failAtEnd);
            }

            _current = piece;
        }

        // A piece larger than the reader's buffer comes back in several reads, as a socket would give it.
        var length = Math.Min(_current.Length, buffer.Length);
        _current[..length].CopyTo(buffer);
        _current = _current[length..];
        return ValueTask.FromResult(length);
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
