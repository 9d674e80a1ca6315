namespace OrleansGroq.Abstractions.Caching;

/// <summary>The response cache for deterministic chat requests (seed 000 middleware), bound from <c>Cache</c>.</summary>
public sealed class ResponseCacheOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Cache";

    public bool Enabled { get; set; } = true;

    /// <summary>How many responses are kept; beyond it the least recently used one goes.</summary>
    public int MaxEntries { get; set; } = 500;

    /// <summary>How long a stored response is served; after that it is a miss and is dropped.</summary>
    public TimeSpan TimeToLive { get; set; } = TimeSpan.FromMinutes(10);
}
