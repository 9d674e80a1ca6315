namespace OrleansGroq.Grains.Caching;

/// <summary>A stored response body, shared by every hit: readers must not change <paramref name="Body"/>.</summary>
/// <param name="Body">The upstream response body as it was returned.</param>
/// <param name="Model">The model that produced it.</param>
/// <param name="StoredAt">When it was stored, by the cache's clock; the time to live counts from here.</param>
public sealed record CachedResponse(byte[] Body, string Model, DateTimeOffset StoredAt);
