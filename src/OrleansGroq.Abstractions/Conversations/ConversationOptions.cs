namespace OrleansGroq.Abstractions.Conversations;

/// <summary>Conversation settings, bound from <c>Conversations</c>.</summary>
public sealed class ConversationOptions
{
    public const string SectionName = "Conversations";

    /// <summary>The model (id or alias) of a conversation created without one.</summary>
    public string DefaultModel { get; set; } = "quality";

    /// <summary>
    /// How long a node may hold a turn before another node can take over: longer than any LLM call
    /// (the latency SLA and its retries), short enough that a crashed node does not block a conversation for long.
    /// </summary>
    public TimeSpan TurnLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The completion budget assumed for trimming when a turn sets no <c>max_tokens</c>.</summary>
    public int DefaultMaxTokens { get; set; } = 1024;
}
