using System.Runtime.CompilerServices;
using OrleansGroq.Abstractions.Gateway;

namespace OrleansGroq.Silo.InProcess;

/// <summary>
/// Runs a <see cref="GatewayRequest"/> through this process's HTTP pipeline (<see cref="InProcessServer"/>) and yields
/// the answer part by part as the pipeline writes it, so that a streamed answer's first event leaves before its last
/// is written. The caller's remote address is unknown, so nothing that trusts loopback callers trusts it.
/// </summary>
internal sealed class InProcessGateway(InProcessServer server)
{
    public async IAsyncEnumerable<GatewayResponsePart> SendAsync(GatewayRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var exchange = new InProcessExchange(request, cancellationToken);

        // On the thread pool, as Kestrel runs a request: not on the calling grain's scheduler, since the pipeline makes
        // grain calls of its own, and its own failures reach the caller as the end of the parts.
        _ = Task.Run(async () =>
        {
            try
            {
                await server.ProcessAsync(exchange);
            }
            catch (Exception e)
            {
                exchange.Fail(e);
            }
        }, CancellationToken.None);

        try
        {
            await foreach (var part in exchange.Parts.ReadAllAsync(cancellationToken))
            {
                yield return part;
            }
        }
        finally
        {
            // The caller left before the end (or the answer ended): the pipeline stops as for a closed connection.
            exchange.Abort();
        }
    }
}
