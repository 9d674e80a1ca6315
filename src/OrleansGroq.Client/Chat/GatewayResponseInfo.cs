namespace OrleansGroq.Client;

/// <summary>What the gateway reported about how it served a response; read it with <see cref="GatewayResponseExtensions"/>.</summary>
public sealed record GatewayResponseInfo
{
    /// <summary>The model that answered (<c>x-orleansgroq-model</c>).</summary>
    public string? Model { get; init; }

    /// <summary>The alias of the Groq key that served it; never the key itself (<c>x-orleansgroq-key</c>).</summary>
    public string? KeyAlias { get; init; }

    /// <summary>Why the model was chosen (<c>x-orleansgroq-route</c>).</summary>
    public string? Route { get; init; }

    /// <summary>Both LLM attempts, when the first failed (<c>x-orleansgroq-cascade</c>).</summary>
    public string? Cascade { get; init; }

    /// <summary>Upstream HTTP sends, retries included (<c>x-orleansgroq-attempts</c>).</summary>
    public int? Attempts { get; init; }

    /// <summary>Time spent in the gateway, excluding upstream (<c>x-orleansgroq-overhead-ms</c>).</summary>
    public double? OverheadMs { get; init; }

    /// <summary><c>local</c> when every LLM attempt failed and local logic answered (<c>x-orleansgroq-degraded</c>).</summary>
    public string? Degraded { get; init; }

    /// <summary>Whether the answer came from the gateway's response cache; null when the request was not cacheable.</summary>
    public bool? CacheHit { get; init; }

    /// <summary>The conversation the turn belongs to (<c>x-orleansgroq-conversation</c>).</summary>
    public string? ConversationId { get; init; }

    /// <summary>How many stored messages were left out to fit the model's context (<c>x-orleansgroq-history-trimmed</c>).</summary>
    public int? HistoryTrimmed { get; init; }

    /// <summary>Whether a conversation turn was answered from the turn stored under its idempotency key.</summary>
    public bool IdempotentReplay { get; init; }

    /// <summary>The request's id in the gateway's logs (<c>x-request-id</c>).</summary>
    public string? RequestId { get; init; }

    /// <summary>Whether the answer is a degraded local one.</summary>
    public bool IsDegraded => Degraded is not null;
}
