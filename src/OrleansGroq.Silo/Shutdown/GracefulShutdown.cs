using Microsoft.Extensions.Options;
using OrleansGroq.Silo.Errors;

namespace OrleansGroq.Silo.Shutdown;

/// <summary>
/// The node's graceful stop (<c>Shutdown</c> settings): on SIGTERM it reports not-ready and refuses new requests at once,
/// lets the requests in progress finish, then its silo leaves the cluster and the process exits 0. See
/// <see cref="DrainOnStop"/> for the sequence.
/// </summary>
public static class GracefulShutdown
{
    private const string HealthPrefix = "/health";

    public static IServiceCollection AddGracefulShutdown(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ShutdownOptions>().Bind(configuration.GetSection(ShutdownOptions.SectionName))
            .Validate(o => o.DrainTimeout >= TimeSpan.Zero, $"{ShutdownOptions.SectionName}:DrainTimeout must not be negative.")
            .Validate(o => o.LeaveTimeout > TimeSpan.Zero, $"{ShutdownOptions.SectionName}:LeaveTimeout must be positive.")
            .ValidateOnStart();

        // The host cancels its services' stop after ShutdownTimeout (30 s by default): it must give the drain and the
        // silo's leave their time, one after the other.
        services.AddOptions<HostOptions>().Configure<IOptions<ShutdownOptions>>(
            (host, shutdown) => host.ShutdownTimeout = shutdown.Value.DrainTimeout + shutdown.Value.LeaveTimeout);
        services.AddSingleton<NodeDrain>();
        services.AddHostedService<DrainOnStop>();
        services.AddHealthChecks().AddCheck<DrainHealthCheck>("drain");
        return services;
    }

    /// <summary>
    /// Counts the requests in progress and, once the node drains, refuses new ones with 503 <c>shutting_down</c> before
    /// anything reads them, so a client or load balancer may safely send them elsewhere; every answer given while
    /// draining closes its connection. Health probes are always answered: readiness then says 503.
    /// </summary>
    public static IApplicationBuilder UseDrain(this IApplicationBuilder app)
    {
        var drain = app.ApplicationServices.GetRequiredService<NodeDrain>();
        var refusal = GatewayErrors.ShuttingDown();
        return app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(HealthPrefix, StringComparison.OrdinalIgnoreCase))
            {
                await next(context);
                return;
            }

            if (!drain.TryEnter())
            {
                context.Response.Headers.Connection = "close";
                await refusal.ExecuteAsync(context);
                return;
            }

            // An answer that starts once the drain began closes its connection, so that the client does not send its
            // next request on a connection the server is about to close.
            context.Response.OnStarting(static state =>
            {
                var (context, drain) = ((HttpContext, NodeDrain))state;
                if (drain.IsDraining)
                {
                    context.Response.Headers.Connection = "close";
                }

                return Task.CompletedTask;
            }, (context, drain));
            try
            {
                await next(context);
            }
            finally
            {
                drain.Exit();
            }
        });
    }
}
