namespace OrleansGroq.Client;

/// <summary>
/// What a request asks of the gateway beyond the chat itself. Each becomes a request header, never a body field; set
/// it with <see cref="ChatOptionsGatewayExtensions.WithGateway"/>. The conversation a request continues is the
/// standard <c>ChatOptions.ConversationId</c>.
/// </summary>
public sealed record GatewayRequestOptions
{
    /// <summary>Keeps the session on one Groq key, and so on one organization's prompt cache (<c>x-session-id</c>).</summary>
    public string? SessionId { get; init; }

    /// <summary>Admission priority; the gateway's default is <see cref="GatewayPriority.Interactive"/>.</summary>
    public GatewayPriority? Priority { get; init; }

    /// <summary>How long the request may wait for budget before a 429 (whole milliseconds, up to 5 minutes).</summary>
    public TimeSpan? MaxWait { get; init; }

    /// <summary><c>false</c> refuses a degraded local answer: the request fails with a 503 instead.</summary>
    public bool? AllowDegraded { get; init; }

    /// <summary>A latency budget for routing <c>auto</c> (under 100 ms picks the fastest model).</summary>
    public TimeSpan? MaxLatency { get; init; }

    /// <summary>Capabilities routing must honour beyond those the request shows.</summary>
    public GatewayNeeds Needs { get; init; }

    /// <summary>Prefer the cheapest model that fits.</summary>
    public bool? CostSensitive { get; init; }

    /// <summary>
    /// A conversation turn's <c>Idempotency-Key</c> (1–255 printable ASCII characters, unique in the conversation):
    /// a retry with the same key gets the stored answer instead of running again.
    /// </summary>
    public string? IdempotencyKey { get; init; }
}
