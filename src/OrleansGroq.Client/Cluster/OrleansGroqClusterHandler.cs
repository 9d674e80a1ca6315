using System.Net;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using OrleansGroq.Abstractions.Gateway;
using OrleansGroq.Client.Cluster;

namespace OrleansGroq.Client;

/// <summary>
/// Sends an <see cref="HttpClient"/>'s requests to the gateway through the Orleans cluster instead of the network:
/// each runs through the HTTP pipeline of a silo (the one the client's gateway connection leads to), and its answer
/// streams back part by part. Everything the gateway adds travels as headers, so any client of the gateway's HTTP API
/// works over this handler unchanged. Only path and query of the request URI travel; use <see cref="BaseAddress"/>.
/// </summary>
/// <remarks>
/// A request whose silo is lost before the first part of its answer arrives is sent again, through another gateway
/// connection when the cluster has one, if sending it twice is harmless (see <see cref="ClusterRequests.CanResend"/>).
/// An answer cut off after its first part fails its read instead: part of it was delivered.
/// </remarks>
public sealed class OrleansGroqClusterHandler(IGrainFactory grains) : HttpMessageHandler
{
    private const int MaxAttempts = 3;

    // Long enough for the client to drop the lost connection and route the next grain id elsewhere.
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>A base address for an <see cref="HttpClient"/> over this handler; its host names no machine.</summary>
    public static Uri BaseAddress { get; } = new("http://orleansgroq.cluster/");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var message = await ClusterRequests.ToGatewayRequestAsync(request, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var call = new ClusterCall(grains.GetGrain<IGatewayRequestGrain>(Guid.NewGuid()), message, cancellationToken);
            Exception lost;
            try
            {
                return Response(request, await call.StartAsync(), call);
            }
            catch (Exception e) when (IsSiloLoss(e) && !cancellationToken.IsCancellationRequested)
            {
                lost = e;
            }
            catch (Exception e)
            {
                await call.DisposeAsync();
                if (e is OperationCanceledException && cancellationToken.IsCancellationRequested)
                {
                    throw;
                }

                throw new HttpRequestException(HttpRequestError.Unknown, "The gateway failed the request.", e);
            }

            await call.DisposeAsync();
            if (!ClusterRequests.CanResend(request))
            {
                throw new HttpRequestException(
                    HttpRequestError.ConnectionError,
                    "The silo running the request was lost before it answered. The request changes a conversation and has no Idempotency-Key, so it was not sent again.",
                    lost);
            }

            if (attempt == MaxAttempts)
            {
                throw new HttpRequestException(HttpRequestError.ConnectionError, $"No silo answered the request in {MaxAttempts} attempts.", lost);
            }

            await Task.Delay(RetryDelay, cancellationToken);
        }
    }

    // The call's silo, or the client's connection to it, is gone; a timeout is one too, since a silo that runs a long
    // request still answers every few seconds (Orleans' enumeration heartbeat).
    private static bool IsSiloLoss(Exception e) =>
        e is OrleansMessageRejectionException or ConnectionFailedException or GatewayTooBusyException or EnumerationAbortedException or TimeoutException;

    private static HttpResponseMessage Response(HttpRequestMessage request, GatewayResponseStart start, ClusterCall call)
    {
        var response = new HttpResponseMessage((HttpStatusCode)start.StatusCode)
        {
            RequestMessage = request,
            Content = new StreamContent(new ClusterResponseStream(call)),
        };
        foreach (var (name, value) in start.Headers)
        {
            if (!response.Headers.TryAddWithoutValidation(name, value))
            {
                response.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return response;
    }
}
