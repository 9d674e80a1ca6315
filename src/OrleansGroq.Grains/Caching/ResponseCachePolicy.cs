using OrleansGroq.Grains.Chat;

namespace OrleansGroq.Grains.Caching;

/// <summary>Which chat requests may be answered from the response cache.</summary>
public static class ResponseCachePolicy
{
    /// <summary>
    /// Only deterministic, whole responses: <c>temperature</c> exactly 0 and no streaming. A request without a
    /// temperature is not deterministic, because Groq's default is 1.
    /// </summary>
    public static bool IsCacheable(ChatRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Temperature == 0 && !request.Stream;
    }
}
