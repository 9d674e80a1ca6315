namespace OrleansGroq.Silo.Http;

/// <summary>The headers every gateway response carries.</summary>
public static class GatewayHeaders
{
    public const string Model = "x-orleansgroq-model";
    public const string Key = "x-orleansgroq-key";
    public const string Attempts = "x-orleansgroq-attempts";
    public const string OverheadMs = "x-orleansgroq-overhead-ms";
    public const string RequestId = "x-request-id";
    public const string SessionId = "x-session-id";
    public const string Conversation = "x-orleansgroq-conversation";
    public const string ConversationId = "x-conversation-id";
    public const string HistoryTrimmed = "x-orleansgroq-history-trimmed";
    public const string IdempotencyKey = "Idempotency-Key";
    public const string IdempotentReplay = "x-orleansgroq-idempotent-replay";
    public const string Priority = "x-orleansgroq-priority";
    public const string MaxWaitMs = "x-orleansgroq-max-wait-ms";
    public const string Route = "x-orleansgroq-route";
    public const string Cascade = "x-orleansgroq-cascade";
    public const string Degraded = "x-orleansgroq-degraded";
    public const string Cache = "x-orleansgroq-cache";
}
