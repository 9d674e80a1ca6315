namespace OrleansGroq.Grains.Upstream;

/// <summary>Why no upstream response could be had. Expected failures are values, not exceptions.</summary>
public enum UpstreamFailure
{
    None,

    /// <summary>Every attempt outlived the latency SLA.</summary>
    Timeout,

    /// <summary>Every attempt failed to connect or lost the connection before a response.</summary>
    Unreachable,

    /// <summary>The circuit breaker for this provider and model is open.</summary>
    CircuitOpen,

    /// <summary>Every key that could serve the request is cooling down after rate-limit signals.</summary>
    AllKeysRateLimited,

    /// <summary>No key can ever serve the request: every one is disabled.</summary>
    NoUsableKey,

    /// <summary>Every account's budget for the model is spent for now, and refill would come after the request's deadline.</summary>
    QuotaExhausted,

    /// <summary>The request needs more tokens than the model's token limit can ever hold (Groq would answer 413).</summary>
    TooLargeForQuota,
}
