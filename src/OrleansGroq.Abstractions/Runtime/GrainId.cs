namespace OrleansGroq.Abstractions.Runtime;

/// <summary>Identifies one grain: its type (the grain interface's name without the leading I) and key.</summary>
/// <param name="Type">The grain type, e.g. <c>ApiKeyGrain</c>.</param>
/// <param name="Key">The grain's key, e.g. a key alias.</param>
public readonly record struct GrainId(string Type, string Key)
{
    /// <inheritdoc />
    public override string ToString() => $"{Type}/{Key}";
}
