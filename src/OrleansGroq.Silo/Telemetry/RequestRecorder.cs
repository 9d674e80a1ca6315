using Microsoft.AspNetCore.Http.Features;
using OrleansGroq.Silo.Http;

namespace OrleansGroq.Silo.Telemetry;

/// <summary>
/// Turns a finished API request's trail into its <see cref="RequestRecord"/>, and hands that to the three that read it:
/// the log (one structured line, and a warning for a degraded answer), the metrics and the recent requests.
/// </summary>
public sealed partial class RequestRecorder(RecentRequests recent, GatewayMetrics metrics, ILogger<RequestRecorder> logger)
{
    /// <summary>Records the request; a failure here is logged, never the request's, which has been answered.</summary>
    public RequestRecord? TryRecord(HttpContext context, RequestTrail trail, DateTimeOffset arrived)
    {
        try
        {
            return Record(context, trail, arrived);
        }
        catch (Exception e)
        {
            LogRecordFailed(e, trail.RequestId);
            return null;
        }
    }

    private RequestRecord Record(HttpContext context, RequestTrail trail, DateTimeOffset arrived)
    {
        var timing = context.Features.Get<RequestTiming>();
        var headers = context.Response.Headers;
        long? prompt = null, completion = null;
        foreach (var attempt in trail.Attempts)
        {
            if (attempt.Usage is { } usage)
            {
                prompt = (prompt ?? 0) + usage.PromptTokens;
                completion = (completion ?? 0) + usage.CompletionTokens;
            }
        }

        // A local answer is marked on the response wherever it was made; its cause is on the trail when it is known.
        var degraded = trail.DegradedCause ?? (headers[GatewayHeaders.Degraded].Count > 0 ? "local" : null);
        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
        var request = new RequestRecord(
            arrived,
            trail.RequestId,
            trail.Tenant,
            route ?? context.Request.Path.Value ?? "/",
            trail.ModelAsked,
            Header(headers, GatewayHeaders.Model),
            Header(headers, GatewayHeaders.Key),
            context.Response.StatusCode,
            timing?.Attempts ?? 0,
            trail.Attempts,
            trail.ConversationId,
            degraded,
            prompt,
            completion,
            timing?.Own() ?? TimeSpan.Zero,
            timing?.Upstream ?? TimeSpan.Zero);

        recent.Add(request);
        metrics.OnRequest(request, route ?? "unmatched", Header(headers, GatewayHeaders.Cache));
        if (logger.IsEnabled(LogLevel.Information))
        {
            LogRequest(
                request.RequestId, request.Endpoint, request.Tenant, request.Status, request.ModelAsked, request.UsedModel, request.Key, request.Attempts,
                string.Join(',', request.CascadeTargets()), request.PromptTokens, request.CompletionTokens, request.Own.TotalMilliseconds, request.Upstream.TotalMilliseconds);
        }

        if (degraded is not null)
        {
            LogDegraded(request.RequestId, request.Endpoint, request.Tenant, request.UsedModel ?? request.ModelAsked, degraded);
        }

        return request;
    }

    private static string? Header(IHeaderDictionary headers, string name) => headers[name] is { Count: > 0 } value ? value.ToString() : null;

    [LoggerMessage(EventId = 9010, EventName = "RequestCompleted", Level = LogLevel.Information,
        Message = "Request {RequestId} {Endpoint} for tenant {Tenant} answered {Status}: model {ModelAsked} served by {UsedModel} with key {KeyAlias}; "
            + "{Attempts} upstream attempts, cascade [{Cascade}]; tokens {PromptTokens} in, {CompletionTokens} out; own {OwnMs:0.000} ms, upstream {UpstreamMs:0.0} ms.")]
    private partial void LogRequest(
        string requestId, string endpoint, string? tenant, int status, string? modelAsked, string? usedModel, string? keyAlias, int attempts,
        string cascade, long? promptTokens, long? completionTokens, double ownMs, double upstreamMs);

    [LoggerMessage(EventId = 9012, EventName = "RequestRecordFailed", Level = LogLevel.Error,
        Message = "Request {RequestId} was answered, but its record (log line, metrics, recent requests) could not be made.")]
    private partial void LogRecordFailed(Exception exception, string requestId);

    [LoggerMessage(EventId = 9011, EventName = "DegradedAnswer", Level = LogLevel.Warning,
        Message = "Request {RequestId} {Endpoint} for tenant {Tenant} was answered by local logic in place of {Model}, marked as degraded: {Cause}.")]
    private partial void LogDegraded(string requestId, string endpoint, string? tenant, string? model, string cause);
}
