using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Gateway;
using OrleansGroq.Grains.Upstream;

namespace OrleansGroq.Silo.Http;

/// <summary>Relays an upstream response to the client, settles a streamed answer's budget, and disposes the response.</summary>
public sealed class UpstreamRelayResult(HttpResponseMessage upstream, bool stream, QuotaHold? quota = null) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        using (upstream)
        {
            var cancellationToken = httpContext.RequestAborted;
            if (stream && upstream.IsSuccessStatusCode)
            {
                var stallTimeout = httpContext.RequestServices.GetRequiredService<IOptions<UpstreamOptions>>().Value.AttemptTimeout;
                var usage = quota is null ? null : new SseUsageObserver();
                try
                {
                    await ResponseRelay.RelayStreamAsync(httpContext, upstream, stallTimeout, cancellationToken, usage);
                }
                finally
                {
                    await (quota?.SettleAsync(usage?.Usage) ?? ValueTask.CompletedTask);
                }
            }
            else
            {
                await ResponseRelay.RelayBufferedAsync(httpContext, upstream, cancellationToken);
            }
        }
    }
}
