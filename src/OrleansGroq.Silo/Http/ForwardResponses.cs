using Microsoft.AspNetCore.Http.Features;
using OrleansGroq.Abstractions.Gateway;
using OrleansGroq.Grains.Upstream;
using OrleansGroq.Silo.Errors;
using OrleansGroq.Silo.Telemetry;

namespace OrleansGroq.Silo.Http;

/// <summary>Turns a forwarding result into the client's response, with the gateway's headers.</summary>
public static class ForwardResponses
{
    /// <summary>
    /// The response for a forward's outcome; a stream settles <paramref name="tenant"/>'s hold, if any, and ends its
    /// <paramref name="attempt"/>'s record once relayed.
    /// </summary>
    public static IResult ToResult(
        HttpContext context, ForwardResult result, string model, bool stream, UpstreamOptions upstream, QuotaHold? tenant = null, StreamedAttempt? attempt = null)
    {
        Stamp(context, result, model);
        return result.Failure switch
        {
            UpstreamFailure.None => new UpstreamRelayResult(result.Response!, stream, result.Quota, tenant, attempt),
            UpstreamFailure.QuotaExhausted => GatewayErrors.QuotaExhausted(model, result.RetryAfter ?? TimeSpan.FromSeconds(1)),
            UpstreamFailure.TooLargeForQuota => GatewayErrors.TooLargeForLimits(model),
            UpstreamFailure.AllKeysRateLimited => GatewayErrors.AllKeysRateLimited(model, result.RetryAfter ?? TimeSpan.FromSeconds(1)),
            UpstreamFailure.NoUsableKey => GatewayErrors.NoUsableKey(),
            UpstreamFailure.Timeout => GatewayErrors.UpstreamTimeout(upstream.AttemptTimeout),
            UpstreamFailure.CircuitOpen => GatewayErrors.CircuitOpen(model, result.RetryAfter),
            _ => GatewayErrors.UpstreamUnreachable(),
        };
    }

    /// <summary>Adds the model, the key and the attempts to the response, and the upstream time to the request's timing.</summary>
    public static void Stamp(HttpContext context, ForwardResult result, string model)
    {
        var timing = context.Features.GetRequiredFeature<RequestTiming>();
        timing.Upstream += result.UpstreamElapsed;
        timing.Attempts += result.Attempts;
        context.Response.Headers[GatewayHeaders.Model] = model;
        if (result.Key is { } key)
        {
            context.Response.Headers[GatewayHeaders.Key] = key.Alias;
        }
    }
}
