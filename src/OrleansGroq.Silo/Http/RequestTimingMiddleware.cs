using Microsoft.AspNetCore.Http.Features;
namespace OrleansGroq.Silo.Http;

/// <summary>Stamps every response with a request id, the attempt count and the gateway's own time.</summary>
public static class RequestTimingMiddleware
{
    public static IApplicationBuilder UseRequestTiming(this IApplicationBuilder app)
    {
        var time = app.ApplicationServices.GetRequiredService<TimeProvider>();
        return app.Use((context, next) =>
        {
            var timing = new RequestTiming(time);
            context.Features.Set(timing);

            // Set as the response starts, not now: an error handler clears the headers set before it ran.
            context.Response.OnStarting(static state =>
            {
                var ctx = (HttpContext)state;
                var timing = ctx.Features.GetRequiredFeature<RequestTiming>();
                ctx.Response.Headers[GatewayHeaders.RequestId] = ctx.TraceIdentifier;
                ctx.Response.Headers[GatewayHeaders.Attempts] = timing.Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture);
                ctx.Response.Headers[GatewayHeaders.OverheadMs] = timing.OverheadMilliseconds();
                return Task.CompletedTask;
            }, context);
            return next(context);
        });
    }
}
