using OrleansGroq.Abstractions.Keys;
using OrleansGroq.Abstractions.Upstream;

namespace OrleansGroq.Grains.Keys;

/// <summary>
/// The key rows of the failure-mode matrix (ARCHITECTURE.md §5, seed 001 §4). Keys react only to rate-limit
/// signals and to 401; 400, 413, 5xx and safety answers are not the key's fault and never start a cooldown. When
/// several signals give a wait, the longest wins.
/// </summary>
internal static class CooldownPolicy
{
    public static CooldownDecision Evaluate(UpstreamOutcome outcome, DateTimeOffset now, TimeSpan defaultCooldown)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var status = outcome.StatusCode;
        if (status == 401)
        {
            return CooldownDecision.DisableKey;
        }

        var rateLimited = status == 429;
        if (!rateLimited && status is < 200 or > 299)
        {
            return CooldownDecision.None;
        }

        var limits = outcome.RateLimits;
        var error = outcome.Error;
        var wait = new Longest();
        if (rateLimited)
        {
            var limit = error?.Limit ?? RateLimitKind.Unknown;
            var limitReason = ReasonFor(limit);
            wait.Consider(limits?.RetryAfter, limitReason);
            wait.Consider(error?.RetryIn, limitReason);
            if (limit == RateLimitKind.RequestsPerDay)
            {
                wait.Consider(limits?.ResetRequests, CooldownReason.RequestsPerDay);
            }
            else if (error?.IsTokenLimit == true)
            {
                wait.Consider(limits?.ResetTokens, limitReason == CooldownReason.RetryAfter ? CooldownReason.TokensPerMinute : limitReason);
            }
        }

        // Groq's remaining counts are the organization's truth: at zero the next request would be a 429.
        if (limits?.RemainingRequests == 0)
        {
            wait.Consider(limits.ResetRequests, CooldownReason.RequestsPerDay);
        }

        if (limits?.RemainingTokens == 0)
        {
            wait.Consider(limits.ResetTokens, CooldownReason.TokensPerMinute);
        }

        if (rateLimited && !wait.Found)
        {
            wait.Consider(defaultCooldown, CooldownReason.RateLimited);
        }

        return wait.Found ? new CooldownDecision(now + wait.Duration, wait.Reason, Disable: false) : CooldownDecision.None;
    }

    private static CooldownReason ReasonFor(RateLimitKind limit) => limit switch
    {
        RateLimitKind.RequestsPerMinute => CooldownReason.RequestsPerMinute,
        RateLimitKind.RequestsPerDay => CooldownReason.RequestsPerDay,
        RateLimitKind.TokensPerMinute => CooldownReason.TokensPerMinute,
        RateLimitKind.TokensPerDay => CooldownReason.TokensPerDay,
        RateLimitKind.AudioSecondsPerHour or RateLimitKind.AudioSecondsPerDay => CooldownReason.AudioSeconds,
        _ => CooldownReason.RetryAfter,
    };

    private struct Longest
    {
        public bool Found;
        public TimeSpan Duration;
        public CooldownReason Reason;

        public void Consider(TimeSpan? duration, CooldownReason reason)
        {
            if (duration is { } value && (!Found || value > Duration))
            {
                (Found, Duration, Reason) = (true, value, reason);
            }
        }
    }
}
