using System.Runtime.CompilerServices;
using OrleansGroq.Abstractions.Gateway;
using OrleansGroq.Silo.Auth;

namespace OrleansGroq.Silo.InProcess;

/// <summary>
/// Runs a <see cref="GatewayRequest"/> through this process's HTTP pipeline (<see cref="InProcessServer"/>) and yields
/// the answer part by part as the pipeline writes it, so that a streamed answer's first event leaves before its last
/// is written. The caller's remote address is unknown, so nothing that trusts loopback callers trusts it.
/// </summary>
internal sealed class InProcessGateway(InProcessServer server)
{
    /// <param name="request">The request, as a client would send it.</param>
    /// <param name="cancellationToken">Ends the request, as a closed connection would.</param>
    /// <param name="caller">
    /// The tenant the request is made for, when the silo itself makes it for one (a batch line): it passes the token
    /// check as that tenant, and no gateway token is kept to make it. A request from a client never has one.
    /// </param>
    public async IAsyncEnumerable<GatewayResponsePart> SendAsync(
        GatewayRequest request, [EnumeratorCancellation] CancellationToken cancellationToken, GatewayClient? caller = null)
    {
        var exchange = new InProcessExchange(request, cancellationToken) { Caller = caller };

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
