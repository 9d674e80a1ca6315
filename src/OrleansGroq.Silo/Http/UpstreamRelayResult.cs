using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Gateway;

namespace OrleansGroq.Silo.Http;

/// <summary>Relays an upstream response to the client and disposes it.</summary>
public sealed class UpstreamRelayResult(HttpResponseMessage upstream, bool stream) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        using (upstream)
        {
            var cancellationToken = httpContext.RequestAborted;
            if (stream && upstream.IsSuccessStatusCode)
            {
                var stallTimeout = httpContext.RequestServices.GetRequiredService<IOptions<UpstreamOptions>>().Value.AttemptTimeout;
                await ResponseRelay.RelayStreamAsync(httpContext, upstream, stallTimeout, cancellationToken);
            }
            else
            {
                await ResponseRelay.RelayBufferedAsync(httpContext, upstream, cancellationToken);
            }
        }
    }
}
