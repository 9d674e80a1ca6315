using OrleansGroq.Grains.Caching;

namespace OrleansGroq.Silo.Http;

/// <summary>A deterministic answer served from the response cache, marked as such.</summary>
public sealed class CachedAnswerResult(CachedResponse cached) : IResult
{
    public const string Hit = "hit";
    public const string Miss = "miss";

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        response.ContentLength = cached.Body.Length;
        response.Headers[GatewayHeaders.Cache] = Hit;
        response.Headers[GatewayHeaders.Model] = cached.Model;
        return response.Body.WriteAsync(cached.Body, httpContext.RequestAborted).AsTask();
    }
}
