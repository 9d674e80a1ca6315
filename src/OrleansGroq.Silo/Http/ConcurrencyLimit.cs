using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using OrleansGroq.Silo.Errors;

namespace OrleansGroq.Silo.Http;

/// <summary>
/// The node's overload protection: API routes share one concurrency limiter (<c>Gateway:Concurrency</c>), with a
/// short queue in front of it; beyond that a request is refused at once with 503 <c>overloaded</c> and
/// <c>retry-after</c>, before its body is read. Health and admin routes do not take part, so a node under load still
/// answers its probes and its operator.
/// </summary>
public static class ConcurrencyLimit
{
    public const string PolicyName = "node-concurrency";

    public static IServiceCollection AddConcurrencyLimit(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ConcurrencyOptions>().Bind(configuration.GetSection(ConcurrencyOptions.SectionName))
            .Validate(o => o.EffectiveLimit >= 1, $"{ConcurrencyOptions.SectionName}:Limit must be at least 1.")
            .Validate(o => o.EffectiveQueueLimit >= 0, $"{ConcurrencyOptions.SectionName}:QueueLimit must not be negative.")
            .ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<ConcurrencyOptions>>((limiter, concurrency) =>
        {
            var (limit, queue) = (concurrency.Value.EffectiveLimit, concurrency.Value.EffectiveQueueLimit);
            limiter.AddConcurrencyLimiter(PolicyName, o =>
            {
                o.PermitLimit = limit;
                o.QueueLimit = queue;
                o.QueueProcessingOrder = QueueProcessingOrder.OldestFirst;
            });
            limiter.OnRejected = (rejected, _) => new ValueTask(GatewayErrors.Overloaded(limit, queue).ExecuteAsync(rejected.HttpContext));
        });
        return services;
    }

    /// <summary>Puts the routes of <paramref name="api"/> under the node's limit.</summary>
    public static TBuilder RequireConcurrencyLimit<TBuilder>(this TBuilder api) where TBuilder : IEndpointConventionBuilder =>
        api.RequireRateLimiting(PolicyName);
}
