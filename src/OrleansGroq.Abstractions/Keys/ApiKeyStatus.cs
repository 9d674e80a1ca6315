namespace OrleansGroq.Abstractions.Keys;

/// <summary>Whether a key may be used: published by its grain whenever it changes, read by the key pool without a grain call.</summary>
/// <param name="Key">The key.</param>
/// <param name="CoolingUntil">The end of the current cooldown, or <see langword="null"/>.</param>
/// <param name="Reason">Why the key cools down; <see cref="CooldownReason.None"/> when it does not.</param>
/// <param name="Disabled">The key was rejected with a 401 and is never used again.</param>
/// <param name="CoolingModel">The model the cooldown is about, or <see langword="null"/> when it is about every model.</param>
/// <param name="Version">The grain's change count: a board keeps the status with the highest.</param>
[GenerateSerializer, Immutable]
public sealed record ApiKeyStatus(ApiKeyInfo Key, DateTimeOffset? CoolingUntil, CooldownReason Reason, bool Disabled, string? CoolingModel = null, long Version = 0)
{
    /// <summary>
    /// Whether the key can take a request for <paramref name="model"/> at <paramref name="now"/>; with no model, a
    /// request for any model (so any cooldown counts).
    /// </summary>
    public bool IsAvailableAt(DateTimeOffset now, string? model = null) =>
        !Disabled && (CoolingUntil is not { } until || until <= now || (model is not null && CoolingModel is not null && CoolingModel != model));
}
