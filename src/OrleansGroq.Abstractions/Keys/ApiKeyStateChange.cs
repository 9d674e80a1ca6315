namespace OrleansGroq.Abstractions.Keys;

/// <summary>A key state change learned from another node; merged with max-deadline semantics.</summary>
/// <param name="CoolingUntil">The other node's cooldown end.</param>
/// <param name="Reason">The other node's cooldown reason.</param>
/// <param name="Disabled">Whether the other node disabled the key.</param>
public sealed record ApiKeyStateChange(DateTimeOffset? CoolingUntil, CooldownReason Reason, bool Disabled);
