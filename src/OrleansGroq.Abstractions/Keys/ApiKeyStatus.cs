namespace OrleansGroq.Abstractions.Keys;

/// <summary>Whether a key may be used: published by its grain whenever it changes, read by the key pool without a grain call.</summary>
/// <param name="Key">The key.</param>
/// <param name="CoolingUntil">The end of the current cooldown, or <see langword="null"/>.</param>
/// <param name="Reason">Why the key cools down; <see cref="CooldownReason.None"/> when it does not.</param>
/// <param name="Disabled">The key was rejected with a 401 and is never used again.</param>
public sealed record ApiKeyStatus(ApiKeyInfo Key, DateTimeOffset? CoolingUntil, CooldownReason Reason, bool Disabled)
{
    /// <summary>Whether the key can take a request at <paramref name="now"/>.</summary>
    public bool IsAvailableAt(DateTimeOffset now) => !Disabled && (CoolingUntil is not { } until || until <= now);
}
