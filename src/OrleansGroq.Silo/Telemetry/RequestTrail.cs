namespace OrleansGroq.Silo.Telemetry;

/// <summary>
/// What the gateway learns about one request as it goes, for its log line, its metrics and the recent requests: who
/// asked, for which model, each LLM attempt's record, and why the answer was degraded, if it was. A request feature,
/// set as the request arrives; the stages that learn something write it here.
/// </summary>
public sealed class RequestTrail(string requestId)
{
    private List<UpstreamAttemptRecord>? _attempts;

    public string RequestId => requestId;

    /// <summary>The caller's tenant, once authenticated.</summary>
    public string? Tenant { get; set; }

    /// <summary>The model the request named (an id or an alias), as it came.</summary>
    public string? ModelAsked { get; set; }

    /// <summary>The conversation the request is a turn of.</summary>
    public string? ConversationId { get; set; }

    /// <summary>Why local logic answered in the model's place (e.g. <c>upstream_unreachable</c>); none for a model's answer.</summary>
    public string? DegradedCause { get; set; }

    /// <summary>The LLM attempts, in the order they ended.</summary>
    public IReadOnlyList<UpstreamAttemptRecord> Attempts => (IReadOnlyList<UpstreamAttemptRecord>?)_attempts ?? [];

    /// <summary>Adds an attempt as it ends. A request's attempts run one after another, never at once.</summary>
    public void Add(UpstreamAttemptRecord attempt) => (_attempts ??= new List<UpstreamAttemptRecord>(2)).Add(attempt);

    /// <summary>The request's trail; none outside a request the gateway's pipeline took.</summary>
    public static RequestTrail? Of(HttpContext context) => context.Features.Get<RequestTrail>();
}
