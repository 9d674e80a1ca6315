namespace OrleansGroq.Silo.Cascade;

/// <summary>How one LLM attempt ended, in the failure matrix's terms (ARCHITECTURE.md §5).</summary>
public enum AttemptVerdict
{
    /// <summary>An answer to relay: a success, or a 4xx about the request itself that another model would repeat.</summary>
    Answer,

    /// <summary>Every key is cooling down or every account's budget is spent past the request's deadline.</summary>
    RateLimited,

    /// <summary>Larger than the model's token limit (Groq's 413, or the gateway's own check).</summary>
    TooLarge,

    /// <summary>Groq's 498: flex capacity is used up.</summary>
    FlexCapacity,

    /// <summary>The attempt outlived the latency SLA and was cancelled.</summary>
    SlaExceeded,

    /// <summary>No connection, or it broke, on every retry.</summary>
    Unreachable,

    /// <summary>Every Groq key was rejected with a 401: no model on Groq can be asked.</summary>
    NoUsableKey,

    /// <summary>5xx on every retry, or the model's circuit breaker is open.</summary>
    ServerError,

    /// <summary>The backup provider refused the gateway's own key (401 or 403): the operator's fault, never the client's.</summary>
    BackupKeyRejected,
}
