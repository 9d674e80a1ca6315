namespace OrleansGroq.Emulator;

/// <summary>
/// A scripted failure. Filters (<see cref="Key"/>, <see cref="Model"/>) select the requests the rule
/// looks at; <see cref="RequestNumbers"/>, <see cref="Probability"/> and <see cref="Times"/> decide which
/// of those it fires on. When several rules fire on one request the first added wins.
/// </summary>
public sealed record FaultRule
{
    /// <summary>What happens when the rule fires.</summary>
    public FaultKind Kind { get; init; }

    /// <summary>Key alias the rule is limited to; null for every key.</summary>
    public string? Key { get; init; }

    /// <summary>Model id the rule is limited to; null for every model.</summary>
    public string? Model { get; init; }

    /// <summary>1-based numbers of the matching requests to fire on; null for every one.</summary>
    public IReadOnlyList<int>? RequestNumbers { get; init; }

    /// <summary>Chance (0..1) to fire on a matching request, from a seeded generator; null for always.</summary>
    public double? Probability { get; init; }

    /// <summary>Most firings; null for no limit.</summary>
    public int? Times { get; init; }

    /// <summary>Delay for <c>latency</c> and the stall kinds; null stalls until the client gives up.</summary>
    public int? DelayMs { get; init; }

    /// <summary>Chunks sent before a mid-stream fault strikes (default 1, the role chunk).</summary>
    public int? AfterChunks { get; init; }
}
