namespace OrleansGroq.Silo.InProcess;

/// <summary>
/// The response body of an <see cref="InProcessExchange"/>: each write becomes a body part, a flush starts the
/// response. Writes are asynchronous only, as Kestrel allows by default.
/// </summary>
internal sealed class InProcessResponseStream(InProcessExchange exchange) : Stream
{
    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        new(exchange.WriteAsync(buffer));

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        exchange.WriteAsync(buffer.AsMemory(offset, count));

    public override Task FlushAsync(CancellationToken cancellationToken) => exchange.StartAsync();

    public override void Write(byte[] buffer, int offset, int count) => throw SynchronousIo();

    public override void Flush() => throw SynchronousIo();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private static InvalidOperationException SynchronousIo() =>
        new("Synchronous operations are disallowed. Call WriteAsync or FlushAsync instead.");
}
