using System.Runtime.CompilerServices;
using Orleans.Concurrency;
using OrleansGroq.Abstractions.Gateway;

namespace OrleansGroq.Silo.InProcess;

/// <summary>
/// Runs one request from an Orleans client through the pipeline of the silo it reached (<see cref="InProcessGateway"/>).
/// </summary>
/// <remarks>
/// A stateless worker is activated on the silo that receives the call, with no directory entry: for a client, the
/// gateway silo its connection leads to. A client sends every call for one grain id over one gateway connection, so
/// with one activation per silo and a fresh key per request, each step of the enumeration reaches the activation
/// that holds its enumerator. Orleans' removal of idle workers is off: it took activations whose enumeration waited
/// between two calls of its client (under load, in the integration suite), and the next call found no enumerator.
/// The activation goes once its client has read the whole answer (<see cref="IGatewayRequestGrain.ReleaseAsync"/>) or
/// the answer was cut short, as no other request will use its key; one whose client never says so (it died), or that
/// a late call of its client brings back, goes after two minutes idle, the shortest age Orleans accepts above its
/// default collection quantum of one minute.
/// </remarks>
[StatelessWorker(1, removeIdleWorkers: false)]
[CollectionAgeLimit(Minutes = 2)]
internal sealed class GatewayRequestGrain(InProcessGateway gateway) : Grain, IGatewayRequestGrain
{
    async IAsyncEnumerable<GatewayResponsePart> IGatewayRequestGrain.SendAsync(GatewayRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var answered = false;
        try
        {
            await foreach (var part in gateway.SendAsync(request, cancellationToken))
            {
                yield return part;
            }

            answered = true;
        }
        finally
        {
            // An answer cut short (the client left, the request failed) ends here. A whole one waits for its client's
            // word: its end may be reached before the client has asked for it, and deactivating now would drop the
            // enumeration that is to tell the client so.
            if (!answered)
            {
                DeactivateOnIdle();
            }
        }
    }

    Task IGatewayRequestGrain.ReleaseAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
