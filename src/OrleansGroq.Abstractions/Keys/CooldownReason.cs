namespace OrleansGroq.Abstractions.Keys;

/// <summary>Why a key is cooling down.</summary>
[GenerateSerializer]
public enum CooldownReason
{
    /// <summary>The key is not cooling down.</summary>
    None,

    /// <summary>A 429's <c>retry-after</c> or "try again in" named no particular limit.</summary>
    RetryAfter,

    /// <summary>The requests-per-minute limit tripped.</summary>
    RequestsPerMinute,

    /// <summary>The requests-per-day limit tripped, or <c>x-ratelimit-remaining-requests</c> reached 0.</summary>
    RequestsPerDay,

    /// <summary>The tokens-per-minute limit tripped, or <c>x-ratelimit-remaining-tokens</c> reached 0.</summary>
    TokensPerMinute,

    /// <summary>The tokens-per-day limit tripped.</summary>
    TokensPerDay,

    /// <summary>An audio-seconds limit (per hour or per day) tripped.</summary>
    AudioSeconds,

    /// <summary>A 429 carried no duration at all; the key rests for the configured default.</summary>
    RateLimited,
}
