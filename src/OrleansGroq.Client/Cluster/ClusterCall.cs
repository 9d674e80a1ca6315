using OrleansGroq.Abstractions.Gateway;

namespace OrleansGroq.Client.Cluster;

/// <summary>
/// One request in flight through <see cref="IGatewayRequestGrain"/>: the enumeration of its answer's parts, and the
/// cancellation that aborts it on the silo.
/// </summary>
internal sealed class ClusterCall : IAsyncDisposable
{
    private readonly IGatewayRequestGrain _grain;
    private readonly CancellationTokenSource _abort;
    private readonly IAsyncEnumerator<GatewayResponsePart> _parts;
    private bool _ended;

    public ClusterCall(IGatewayRequestGrain grain, GatewayRequest request, CancellationToken cancellationToken)
    {
        _grain = grain;
        _abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _parts = grain.SendAsync(request, _abort.Token).GetAsyncEnumerator(_abort.Token);
    }

    /// <summary>Waits for the answer's status and headers.</summary>
    public async Task<GatewayResponseStart> StartAsync() =>
        await _parts.MoveNextAsync() && _parts.Current is GatewayResponseStart start
            ? start
            : throw new HttpRequestException(HttpRequestError.InvalidResponse, "The gateway's answer did not begin with a status.");

    /// <summary>The next piece of the body, or null at its end; cancelling aborts the request.</summary>
    public async Task<byte[]?> NextChunkAsync(CancellationToken cancellationToken)
    {
        await using var abort = cancellationToken.Register(static source => ((CancellationTokenSource)source!).Cancel(), _abort);
        if (await _parts.MoveNextAsync())
        {
            return ((GatewayResponseChunk)_parts.Current).Bytes;
        }

        // The whole answer is read: its grain may go (a one-way call, not awaited by anyone).
        _ended = true;
        _ = _grain.ReleaseAsync();
        return null;
    }

    /// <summary>Ends the enumeration: a silo still running the request aborts it.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            // Disposing an enumeration that has ended would send its grain one more call, and so activate it again.
            if (!_ended)
            {
                await _parts.DisposeAsync();
            }
        }
        catch (Exception)
        {
            // The activation that held the enumeration is gone with its silo, or drops it when it is not asked for more.
        }

        _abort.Dispose();
    }
}
