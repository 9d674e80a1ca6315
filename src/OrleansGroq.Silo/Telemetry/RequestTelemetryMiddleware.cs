using System.Diagnostics;

namespace OrleansGroq.Silo.Telemetry;

/// <summary>
/// The outermost stage: gives each request its <see cref="RequestTrail"/> and, while a tracer listens, its front-end
/// span (continuing the caller's W3C trace context); once the request is answered, records each API request
/// (<see cref="RequestRecorder"/>) after the error pipeline has set its final status.
/// </summary>
public static class RequestTelemetryMiddleware
{
    public static IApplicationBuilder UseRequestTelemetry(this IApplicationBuilder app, IReadOnlyList<string> apiPrefixes)
    {
        var recorder = app.ApplicationServices.GetRequiredService<RequestRecorder>();
        var time = app.ApplicationServices.GetRequiredService<TimeProvider>();
        return app.Use(async (context, next) =>
        {
            var trail = new RequestTrail(context.TraceIdentifier);
            context.Features.Set(trail);
            var arrived = time.GetUtcNow();
            using var span = StartSpan(context);
            try
            {
                await next(context);
            }
            finally
            {
                if (IsApi(context.Request.Path, apiPrefixes) && recorder.TryRecord(context, trail, arrived) is { } request)
                {
                    EndSpan(span, request);
                }
            }
        });
    }

    private static bool IsApi(PathString path, IReadOnlyList<string> apiPrefixes)
    {
        foreach (var prefix in apiPrefixes)
        {
            if (path.StartsWithSegments(prefix))
            {
                return true;
            }
        }

        return false;
    }

    private static Activity? StartSpan(HttpContext context)
    {
        if (!GatewayTelemetry.Source.HasListeners())
        {
            return null;
        }

        // Under ASP.NET Core's own request activity when something listens to it; else straight under the caller's span.
        var headers = context.Request.Headers;
        var parent = Activity.Current is { } current ? current.Context
            : ActivityContext.TryParse(headers.TraceParent, headers.TraceState, isRemote: true, out var remote) ? remote : default;
        return GatewayTelemetry.Source.StartActivity(context.Request.Method, Activity.Current is null ? ActivityKind.Server : ActivityKind.Internal, parent);
    }

    private static void EndSpan(Activity? span, RequestRecord request)
    {
        if (span is not { IsAllDataRequested: true })
        {
            return;
        }

        span.DisplayName = span.OperationName + " " + request.Endpoint;
        span.SetTag("http.route", request.Endpoint);
        span.SetTag("http.response.status_code", request.Status);
        span.SetTag("orleansgroq.request_id", request.RequestId);
        span.SetTag("orleansgroq.tenant", request.Tenant);
        span.SetTag("gen_ai.conversation.id", request.ConversationId);
        if (request.DegradedCause is { } cause)
        {
            span.SetTag("orleansgroq.degraded", cause);
        }

        if (request.Status >= StatusCodes.Status500InternalServerError)
        {
            span.SetStatus(ActivityStatusCode.Error);
        }
    }
}
