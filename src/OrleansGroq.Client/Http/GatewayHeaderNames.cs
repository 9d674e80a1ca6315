namespace OrleansGroq.Client.Http;

/// <summary>The gateway's headers, as its README documents them.</summary>
internal static class GatewayHeaderNames
{
    /// <summary>Every header the gateway adds to a response starts so.</summary>
    public const string Prefix = "x-orleansgroq-";

    public const string RequestId = "x-request-id";
    public const string SessionId = "x-session-id";
    public const string ConversationId = "x-conversation-id";
    public const string IdempotencyKey = "Idempotency-Key";
    public const string RetryAfter = "retry-after";

    public const string Priority = "x-orleansgroq-priority";
    public const string MaxWaitMs = "x-orleansgroq-max-wait-ms";
    public const string Degraded = "x-orleansgroq-degraded";
    public const string MaxLatencyMs = "x-orleansgroq-max-latency-ms";
    public const string Needs = "x-orleansgroq-needs";
    public const string CostSensitive = "x-orleansgroq-cost-sensitive";

    public const string Model = "x-orleansgroq-model";
    public const string Key = "x-orleansgroq-key";
    public const string Attempts = "x-orleansgroq-attempts";
    public const string OverheadMs = "x-orleansgroq-overhead-ms";
    public const string Route = "x-orleansgroq-route";
    public const string Cascade = "x-orleansgroq-cascade";
    public const string Cache = "x-orleansgroq-cache";
    public const string Conversation = "x-orleansgroq-conversation";
    public const string HistoryTrimmed = "x-orleansgroq-history-trimmed";
    public const string IdempotentReplay = "x-orleansgroq-idempotent-replay";

    /// <summary>Whether a response header is one the gateway reports back, and so one the client surfaces.</summary>
    public static bool IsReported(string name) =>
        name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
        || name.Equals(RequestId, StringComparison.OrdinalIgnoreCase)
        || name.Equals(SessionId, StringComparison.OrdinalIgnoreCase);
}
