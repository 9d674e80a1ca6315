namespace OrleansGroq.Abstractions.Conversations;

/// <summary>Conversation settings, bound from <c>Conversations</c>.</summary>
public sealed class ConversationOptions
{
    public const string SectionName = "Conversations";

    /// <summary>The model (id or alias) of a conversation created without one.</summary>
    public string DefaultModel { get; set; } = "quality";

    /// <summary>
    /// How long a turn may run before its grain gives up on it and lets the next one in: longer than any LLM call
    /// (the latency SLA and its retries), short enough that a front end that died mid-call does not hold the
    /// conversation for long.
    /// </summary>
    public TimeSpan TurnLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How many turns may wait behind the running one; a turn beyond them is refused with 429 <c>conversation_busy</c>.
    /// Waiting turns are served in arrival order.
    /// </summary>
    public int MaxQueuedTurns { get; set; } = 8;

    /// <summary>The completion budget assumed for trimming when a turn sets no <c>max_tokens</c>.</summary>
    public int DefaultMaxTokens { get; set; } = 1024;
}
