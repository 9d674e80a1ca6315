using OrleansGroq.Abstractions.Upstream;

namespace OrleansGroq.Abstractions.Keys;

/// <summary>
/// The persistent state of an API key grain. Its cooldown and disabled flag are what the nodes share (in PostgreSQL,
/// a row of <c>api_key_state</c>); the last rate-limit headers stay on the node that saw them.
/// </summary>
public sealed record ApiKeyState
{
    /// <summary>The end of the current cooldown; only ever extended until it has passed.</summary>
    public DateTimeOffset? CoolingUntil { get; init; }

    /// <summary>Why the key cools down until <see cref="CoolingUntil"/>.</summary>
    public CooldownReason CooldownReason { get; init; }

    /// <summary>The model whose limits the cooldown is about (Groq limits each model apart); null for every model.</summary>
    public string? CoolingModel { get; init; }

    /// <summary>The key was rejected with a 401; disabled keys are never used again.</summary>
    public bool Disabled { get; init; }

    /// <summary>When the key was disabled.</summary>
    public DateTimeOffset? DisabledAt { get; init; }

    /// <summary>The rate-limit headers of the most recent response that carried them.</summary>
    public RateLimitSnapshot? LastRateLimits { get; init; }

    /// <summary>When <see cref="LastRateLimits"/> arrived.</summary>
    public DateTimeOffset? LastRateLimitsAt { get; init; }
}
