using Microsoft.AspNetCore.Hosting.Server;
using OrleansGroq.Silo.Errors;

namespace OrleansGroq.Silo.InProcess;

/// <summary>The in-process gateway: the host's pipeline open to grain calls from Orleans clients, for the API routes only.</summary>
public static class InProcessGatewayExtensions
{
    private const string InnerServer = "OrleansGroq.InProcess.InnerServer";

    /// <summary>Wraps the registered HTTP server (<see cref="InProcessServer"/>); call after the host registered it.</summary>
    public static IServiceCollection AddInProcessGateway(this IServiceCollection services)
    {
        var server = services.LastOrDefault(d => d.ServiceType == typeof(IServer) && !d.IsKeyedService)
            ?? throw new InvalidOperationException("No HTTP server is registered to run requests from the cluster through.");
        services.Remove(server);
        services.Add(server.ImplementationType is { } type ? ServiceDescriptor.KeyedSingleton(typeof(IServer), InnerServer, type)
            : server.ImplementationInstance is { } instance ? ServiceDescriptor.KeyedSingleton(typeof(IServer), InnerServer, instance)
            : ServiceDescriptor.KeyedSingleton(typeof(IServer), InnerServer, (provider, _) => server.ImplementationFactory!(provider)));
        services.AddSingleton(provider => new InProcessServer(provider.GetRequiredKeyedService<IServer>(InnerServer)));
        services.AddSingleton<IServer>(provider => provider.GetRequiredService<InProcessServer>());
        services.AddSingleton<InProcessGateway>();
        return services;
    }

    /// <summary>
    /// Answers a request from the cluster for any path outside <paramref name="apiPrefixes"/> with a 404: the admin and
    /// health routes are for HTTP callers only.
    /// </summary>
    public static IApplicationBuilder UseInProcessBoundary(this IApplicationBuilder app, IReadOnlyList<string> apiPrefixes) =>
        app.Use((context, next) =>
            context.Features.Get<InProcessExchange>() is null || apiPrefixes.Any(prefix => context.Request.Path.StartsWithSegments(prefix))
                ? next(context)
                : GatewayErrors.UnknownRoute(context.Request.Method, context.Request.Path, null).ExecuteAsync(context));
}
