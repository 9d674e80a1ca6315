namespace OrleansGroq.Abstractions.Keys;

/// <summary>
/// The persistent state of an API key grain: what every silo must agree on about the key. Storage keeps it as JSON,
/// so a property keeps its stored value only while it keeps its name.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ApiKeyState
{
    /// <summary>The end of the current cooldown; only ever extended until it has passed.</summary>
    [Id(0)]
    public DateTimeOffset? CoolingUntil { get; init; }

    /// <summary>Why the key cools down until <see cref="CoolingUntil"/>.</summary>
    [Id(1)]
    public CooldownReason CooldownReason { get; init; }

    /// <summary>The model whose limits the cooldown is about (Groq limits each model apart); null for every model.</summary>
    [Id(2)]
    public string? CoolingModel { get; init; }

    /// <summary>The key was rejected with a 401; disabled keys are never used again.</summary>
    [Id(3)]
    public bool Disabled { get; init; }

    /// <summary>When the key was disabled.</summary>
    [Id(4)]
    public DateTimeOffset? DisabledAt { get; init; }

    /// <summary>Counts the changes, so that a silo's board keeps the newest status whatever order they reach it in.</summary>
    [Id(5)]
    public long Version { get; init; }
}
