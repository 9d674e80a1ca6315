using OrleansGroq.Abstractions.Keys;

namespace OrleansGroq.Grains.Keys;

/// <summary>What one upstream outcome means for its key: a cooldown until some time, disabling it, or nothing.</summary>
internal readonly record struct CooldownDecision(DateTimeOffset? CoolUntil, CooldownReason Reason, bool Disable)
{
    public static CooldownDecision None => default;

    public static CooldownDecision DisableKey => new(null, CooldownReason.None, Disable: true);
}
