namespace OrleansGroq.Client.Cluster;

/// <summary>
/// The body of an answer through the cluster, read part by part as the silo writes it. An answer cut off by the loss
/// of its silo ends with <see cref="HttpIOException"/>, as a closed connection does over HTTP; it is never sent again,
/// since its first part was already delivered.
/// </summary>
internal sealed class ClusterResponseStream(ClusterCall call) : Stream
{
    private ReadOnlyMemory<byte> _chunk;
    private bool _ended;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (_chunk.IsEmpty)
        {
            if (_ended)
            {
                return 0;
            }

            try
            {
                var next = await call.NextChunkAsync(cancellationToken);
                _ended = next is null;
                _chunk = next;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                throw new HttpIOException(HttpRequestError.ResponseEnded, "The gateway's answer ended before it was complete.", e);
            }
        }

        var count = Math.Min(buffer.Length, _chunk.Length);
        _chunk[..count].CopyTo(buffer);
        _chunk = _chunk[count..];
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // HttpClient's synchronous Send reads the body synchronously.
    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // HttpContent disposes its stream synchronously: the enumeration ends in the background.
            _ = call.DisposeAsync().AsTask();
        }

        base.Dispose(disposing);
    }

    public override void Flush() => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
