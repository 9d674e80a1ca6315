namespace OrleansGroq.Abstractions.Keys;

/// <summary>A key as the rest of the gateway sees it: never its secret.</summary>
/// <param name="Alias">The key's name in configuration, logs and metrics.</param>
/// <param name="Account">The Groq organization the key belongs to; rate limits are per organization.</param>
[GenerateSerializer, Immutable]
public sealed record ApiKeyInfo(string Alias, string Account);
