using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Gateway;
using OrleansGroq.Grains.Upstream;
using OrleansGroq.Silo.Telemetry;

namespace OrleansGroq.Silo.Http;

/// <summary>
/// Relays an upstream response to the client, settles a streamed answer's budgets (the account's and the tenant's)
/// with the usage Groq put on its last chunk, ends a streamed <paramref name="attempt"/>'s record with it, and disposes
/// the response.
/// </summary>
public sealed class UpstreamRelayResult(
    HttpResponseMessage upstream, bool stream, QuotaHold? quota = null, QuotaHold? tenant = null, StreamedAttempt? attempt = null) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        using (upstream)
        {
            var cancellationToken = httpContext.RequestAborted;
            if (stream && upstream.IsSuccessStatusCode)
            {
                var stallTimeout = httpContext.RequestServices.GetRequiredService<IOptions<UpstreamOptions>>().Value.AttemptTimeout;
                var usage = quota is null && tenant is null && attempt is null ? null : new SseUsageObserver();
                SseEnd? end = null;
                try
                {
                    end = await ResponseRelay.RelayStreamAsync(httpContext, upstream, stallTimeout, cancellationToken, attempt?.Watching(usage!) ?? usage);
                }
                finally
                {
                    attempt?.End(end, usage?.Usage);
                    await (quota?.SettleAsync(usage?.Usage) ?? ValueTask.CompletedTask);
                    await (tenant?.SettleAsync(usage?.Usage) ?? ValueTask.CompletedTask);
                }
            }
            else
            {
                await ResponseRelay.RelayBufferedAsync(httpContext, upstream, cancellationToken);
            }
        }
    }
}
