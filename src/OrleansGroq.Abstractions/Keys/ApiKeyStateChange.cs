namespace OrleansGroq.Abstractions.Keys;

/// <summary>
/// A key's cooldown and disabled flag as one node knows them: what it publishes to the other nodes, and what they
/// merge with max-deadline semantics.
/// </summary>
/// <param name="CoolingUntil">The node's cooldown end.</param>
/// <param name="Reason">The node's cooldown reason.</param>
/// <param name="Disabled">Whether the node disabled the key.</param>
/// <param name="CoolingModel">The model the cooldown is about, or <see langword="null"/> for every model.</param>
public sealed record ApiKeyStateChange(DateTimeOffset? CoolingUntil, CooldownReason Reason, bool Disabled, string? CoolingModel = null);
