namespace OrleansGroq.Abstractions.Keys;

/// <summary>
/// The names of <see cref="CooldownReason"/> values outside the process: in the shared store, in notifications
/// between nodes and in the admin view. Stored names must stay stable, so they are spelled out, not derived.
/// </summary>
public static class CooldownReasonNames
{
    /// <summary>The name of a reason, or <see langword="null"/> for <see cref="CooldownReason.None"/>.</summary>
    public static string? ToName(CooldownReason reason) => reason switch
    {
        CooldownReason.None => null,
        CooldownReason.RetryAfter => "retry_after",
        CooldownReason.RequestsPerMinute => "requests_per_minute",
        CooldownReason.RequestsPerDay => "requests_per_day",
        CooldownReason.TokensPerMinute => "tokens_per_minute",
        CooldownReason.TokensPerDay => "tokens_per_day",
        CooldownReason.AudioSeconds => "audio_seconds",
        CooldownReason.RateLimited => "rate_limited",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Unknown cooldown reason."),
    };

    /// <summary>
    /// The reason a name stands for. A name this version does not know (written by a newer node) still means the key
    /// cools down, so it reads as <see cref="CooldownReason.RetryAfter"/>, the reason that names no particular limit.
    /// </summary>
    public static CooldownReason Parse(string? name) => name switch
    {
        null => CooldownReason.None,
        "retry_after" => CooldownReason.RetryAfter,
        "requests_per_minute" => CooldownReason.RequestsPerMinute,
        "requests_per_day" => CooldownReason.RequestsPerDay,
        "tokens_per_minute" => CooldownReason.TokensPerMinute,
        "tokens_per_day" => CooldownReason.TokensPerDay,
        "audio_seconds" => CooldownReason.AudioSeconds,
        "rate_limited" => CooldownReason.RateLimited,
        _ => CooldownReason.RetryAfter,
    };
}
