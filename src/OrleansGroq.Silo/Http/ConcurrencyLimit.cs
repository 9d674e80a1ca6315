using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using OrleansGroq.Silo.Errors;

namespace OrleansGroq.Silo.Http;

/// <summary>
/// The node's overload protection: API routes share one concurrency limiter (<c>Gateway:Concurrency</c>), with a
/// short queue in front of it; beyond that a request is refused at once with 503 <c>overloaded</c> and
/// <c>retry-after</c>, before its body is read. Health and admin routes do not take part, so a node under load still
/// answers its probes and its operator.
/// </summary>
/// <remarks>
/// Not ASP.NET Core's rate-limiting middleware: it starts a partitioned limiter whose timer it never stops
/// (dotnet/aspnetcore#66434), so every host that used it stayed reachable after its disposal; the integration tests,
/// which start and stop hundreds of gateways in one process, held them all (6 GB after 125 tests). This limiter is a
/// singleton of the host's container, which disposes it with the host, and has no timer.
/// </remarks>
public static class ConcurrencyLimit
{
    public static IServiceCollection AddConcurrencyLimit(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ConcurrencyOptions>().Bind(configuration.GetSection(ConcurrencyOptions.SectionName))
            .Validate(o => o.EffectiveLimit >= 1, $"{ConcurrencyOptions.SectionName}:Limit must be at least 1.")
            .Validate(o => o.EffectiveQueueLimit >= 0, $"{ConcurrencyOptions.SectionName}:QueueLimit must not be negative.")
            .ValidateOnStart();
        services.AddSingleton(sp => new NodeConcurrency(sp.GetRequiredService<IOptions<ConcurrencyOptions>>().Value));
        return services;
    }

    /// <summary>Admits requests to routes marked with <see cref="RequireConcurrencyLimit{TBuilder}"/>; after routing, before any handler.</summary>
    public static IApplicationBuilder UseConcurrencyLimit(this IApplicationBuilder app) =>
        app.Use(next =>
        {
            // Resolved when the pipeline is built, at start, after the options were validated.
            var concurrency = app.ApplicationServices.GetRequiredService<NodeConcurrency>();
            return async context =>
            {
                if (context.GetEndpoint()?.Metadata.GetMetadata<ConcurrencyLimitMetadata>() is null)
                {
                    await next(context);
                    return;
                }

                RateLimitLease lease;
                try
                {
                    lease = await concurrency.Limiter.AcquireAsync(1, context.RequestAborted);
                }
                catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
                {
                    // The client left while queued: nobody reads an answer.
                    return;
                }

                using (lease)
                {
                    if (!lease.IsAcquired)
                    {
                        await concurrency.Refusal.ExecuteAsync(context);
                        return;
                    }

                    await next(context);
                }
            };
        });

    /// <summary>Puts the routes of <paramref name="api"/> under the node's limit.</summary>
    public static TBuilder RequireConcurrencyLimit<TBuilder>(this TBuilder api) where TBuilder : IEndpointConventionBuilder =>
        api.WithMetadata(ConcurrencyLimitMetadata.Instance);
}
