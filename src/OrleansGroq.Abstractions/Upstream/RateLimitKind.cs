namespace OrleansGroq.Abstractions.Upstream;

/// <summary>Which Groq limit a 429 or 413 names in its message, e.g. <c>(TPM)</c>.</summary>
[GenerateSerializer]
public enum RateLimitKind
{
    /// <summary>The message names no known limit.</summary>
    Unknown,

    /// <summary><c>(RPM)</c>: requests per minute.</summary>
    RequestsPerMinute,

    /// <summary><c>(RPD)</c>: requests per day.</summary>
    RequestsPerDay,

    /// <summary><c>(TPM)</c>: tokens per minute.</summary>
    TokensPerMinute,

    /// <summary><c>(TPD)</c>: tokens per day.</summary>
    TokensPerDay,

    /// <summary><c>(ASH)</c>: audio seconds per hour.</summary>
    AudioSecondsPerHour,

    /// <summary><c>(ASD)</c>: audio seconds per day.</summary>
    AudioSecondsPerDay,
}
